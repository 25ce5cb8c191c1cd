/** proxy-component: test WebAssembly components at their WIT boundary. */
export { ProxyComponentError, isProxyComponentError } from './errors.js';
export type { ErrorCode, SourceLocation } from './errors.js';
export * from './wit/index.js';
export * from './wave/index.js';
export * from './values/index.js';
export { valueArbitrary } from './fuzz/arbitrary.js';
export type { ValueArbitraryOptions } from './fuzz/arbitrary.js';
export { serveComponent } from './session/serve-component.js';
export type { HttpRecordingSession, ServeOptions, ServedRequest } from './session/serve-component.js';
export type { WasiGrants } from './host/wasi.js';
export { TOOL_VERSION } from './version.js';
