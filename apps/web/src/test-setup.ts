import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadFeatureMessages } from './app/i18n';

// The app loads each feature's Chinese messages with its screens (router.tsx); components under test get them all.
await loadFeatureMessages([
  'broker',
  'bureau',
  'enterprise',
  'expertCalls',
  'notifications',
  'programmes',
  'researcher',
  'ttoOffice',
]);

// antd reads matchMedia and ResizeObserver, which jsdom lacks.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
if (!('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

afterEach(() => cleanup());
