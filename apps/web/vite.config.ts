import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// In development the API runs separately (npm start or npm run api); Vite proxies its paths so the app talks
// to one origin, as it does in production where the API serves the built app.
const api = process.env.WEB_API_URL ?? 'http://localhost:3000';
const proxied = ['/graphql', '/files', '/health'];

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: true }])),
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
  },
});
