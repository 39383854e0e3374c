import { act, cleanup } from '@testing-library/react';
import { ConfigProvider, message } from 'antd';
// The build that `antd` resolves to under vitest (CommonJS); checked below.
import antdMessage, { actWrapper } from 'antd/lib/message';
import { afterEach } from 'vitest';
import { loadFeatureMessages } from './app/i18n';
// shared/ui/toast imports this module on first use; loaded up front, that import resolves within the test that showed
// the toast (in microtasks) rather than possibly after the test file's environment is gone.
import './shared/ui/message-api';

// The app loads each feature's Chinese messages with its screens (router.tsx); components under test get them all.
await loadFeatureMessages([
  'broker',
  'bureau',
  'catalogue',
  'consortia',
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

// antd's global message (message.success/error, and shared/ui/toast) renders into a React root of its own, outside
// the tree under test. Its renders, commits and effects would run on React's scheduler, i.e. on Node's setImmediate,
// several ticks after the call: a test that ends right after a toast (e.g. the dialog closed once the API answered)
// leaves that work queued, and when it is the file's last test the work runs after vitest has torn jsdom down →
// "ReferenceError: window is not defined" (react-dom reads window.event), reported as an unhandled error.
// So in tests that work runs inside act(), which performs it before returning (as antd's own tests do), and after a
// test that showed one the toasts are closed the same way, without their leave animation (which in jsdom never
// ends, leaving each toast's 3-second close timer to fire later outside act): nothing of them is left to run after
// the test.
// (message.destroy() on its own does not help: outside act its work is queued the same way, and when no toast was
// shown it first renders the global holder.)
if (antdMessage !== message) throw new Error("test-setup: 'antd/lib/message' is not the message that 'antd' exports");
ConfigProvider.config({ theme: { token: { motion: false } } }); // theme of antd's static methods only
let holderRendered = false; // antd's global message holder, rendered with the first toast of a test file
actWrapper((work) => {
  holderRendered = true;
  act(work);
});

afterEach(() => {
  cleanup();
  if (holderRendered) act(() => message.destroy());
});
