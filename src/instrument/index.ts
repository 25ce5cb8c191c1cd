/** Instrumenting components: record, replay and fuzz inside any component host. */
export { instrumentComponent } from './instrument.js';
export type { InstrumentOptions, InstrumentResult } from './instrument.js';
export { recorderHost, RecorderStop } from './recorder-host.js';
export type { RecorderHost, RecorderTarget } from './recorder-host.js';
export { generateHostStubs } from './stubs.js';
export type { InstrumentMode } from './tracer/config.js';
