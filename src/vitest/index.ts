/** `proxy-component/vitest`: traces as Vitest tests. */
export { proxy, TRACE_GLOB } from './plugin.js';
export type { ProxyPluginOptions } from './plugin.js';
export type { ProvidedProxySettings } from './vitest-types.js';
export type { TraceTestOptions } from '../trace-tests/options.js';
export type { Divergence, DivergenceKind } from '../divergence/divergence.js';
