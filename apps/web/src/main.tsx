import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/600.css';
import './app/global.css';
import { App } from './app/App';
import { i18nReady } from './app/i18n';

// The chosen language's messages first (English loads on demand; Chinese is bundled): no flash of the other one.
void i18nReady.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
