export * from './test-api';
export * from './jest/test-run';
export * from './isolated-namespace';
export * from './fake-embedding-endpoint';
export * from './test-accounts';
export * from './controllable-clock';
export * from './pdf-text';
