/**
 * `proxy-component/jest/transform`: Jest's transformer for `.trace` files
 * (the preset maps them to it). Each trace becomes a CommonJS test module, one
 * test per export call (see generate.ts). Options, for a trace whose header
 * and folder name no component, or to change replay settings:
 *
 * ```js
 * transform: { '\\.trace$': ['proxy-component/jest/transform', { component: 'build/app.wasm', timeoutMs: 5000 }] }
 * ```
 *
 * With `engines: ['jco', 'node', 'bun']` every export call is checked on
 * each engine instead, a `describe` per engine (see generate.ts); engine
 * names are checked here, so a misspelt one fails the trace's test file.
 *
 * Jest transforms synchronously for CommonJS test modules, so the trace is
 * planned with sync reads; the cache key covers the trace, the options and
 * the component's path, size and modification time, so a rebuilt component
 * re-plans its traces.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { findComponentSync } from '../src/session/find-component.js';
import { readTraceHeader } from '../src/trace/read.js';
import { generateTestModule } from '../src/trace-tests/generate.js';
import { traceTestSettings, type TraceTestOptions } from '../src/trace-tests/options.js';
import { planTraceSync } from '../src/trace-tests/plan.js';
import { TOOL_VERSION } from '../src/version.js';
import { ensureBridgeThread } from './bridge-thread.js';
import { builtJestFile } from './built-file.js';
import { jestDialect } from './test-module.js';

/** The transformer's options (`transform: { '\\.trace$': ['proxy-component/jest/transform', options] }`): the same as every framework's. */
export type JestTransformOptions = TraceTestOptions;

/** The part of Jest's TransformOptions used here. */
export interface TraceTransformOptions {
  readonly config: { readonly rootDir: string };
  readonly configString: string;
  readonly transformerConfig?: JestTransformOptions;
}

/** How the options are named in messages: where the user writes them. */
const WHERE = 'the transformer';

export interface TransformedTrace {
  readonly code: string;
  readonly map: { readonly version: 3; readonly file: string; readonly sources: string[]; readonly sourcesContent: string[]; readonly names: string[]; readonly mappings: string };
}

function process(_sourceText: string, sourcePath: string, options: TraceTransformOptions): TransformedTrace {
  const root = options.config.rootDir;
  const settings = traceTestSettings(options.transformerConfig, { root, where: WHERE });
  const plan = planTraceSync(sourcePath, { root, ...(settings.component === undefined ? {} : { component: settings.component }) });
  const generated = generateTestModule(plan, settings, jestDialect(builtJestFile('sandbox/trace-tests.cjs')));
  const { map } = generated;
  return { code: generated.code, map: { ...map, sources: [...map.sources], sourcesContent: [...map.sourcesContent], names: [] } };
}

function getCacheKey(sourceText: string, sourcePath: string, options: TraceTransformOptions): string {
  const settings = options.transformerConfig ?? {};
  const hash = createHash('sha256');
  for (const part of [TOOL_VERSION, builtJestFile('sandbox/trace-tests.cjs'), sourcePath, sourceText, options.configString, JSON.stringify(settings), componentIdentity(sourceText, sourcePath, options)]) {
    hash.update(part).update('\0');
  }
  return hash.digest('hex');
}

/** Which component the trace would replay against, and which build of it; '' when none is found (planning reports why). */
function componentIdentity(sourceText: string, sourcePath: string, options: TraceTransformOptions): string {
  try {
    const fallback = options.transformerConfig?.component;
    const component = findComponentSync(sourcePath, readTraceHeader(sourceText), fallback === undefined ? undefined : resolve(options.config.rootDir, fallback));
    const info = statSync(component);
    return `${component}:${info.size}:${info.mtimeMs}`;
  } catch {
    return '';
  }
}

/** The transformer itself: what `createTransformer` gives Jest. */
export const traceTransformer = { canInstrument: false, process, getCacheKey };

/**
 * Jest calls `createTransformer` for each test file, before the file's
 * environment exists: the moment to make sure the process's bridge thread is
 * running (see bridge-thread.ts), so that no test file is charged with it.
 */
function createTransformer(): typeof traceTransformer {
  ensureBridgeThread();
  return traceTransformer;
}

export default { createTransformer };
