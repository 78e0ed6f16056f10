export * from './diagnostics.js';
export * from './result.js';
export * from './snapshot.js';
export * from './spec.js';
export * from './resource-config.js';
export * from './prices.js';
