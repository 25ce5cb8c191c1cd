/**
 * Recording a component from the command line: a host module provides the
 * imports (WASI comes from a sandboxed shim unless the host overrides it), WAVE
 * calls drive the exports, and after every call the trace file is rewritten
 * atomically, so an interrupted recording leaves a valid trace of the calls
 * that completed.
 */
import { dirname, relative, resolve } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import { loadJcoComponent, type JcoImports } from '../engines/jco/load.js';
import { startRecording } from '../host/record.js';
import { sandboxedWasi, type WasiGrants } from '../host/wasi.js';
import type { CallOutcome, ExportCall, Trace } from '../trace/model.js';
import { traceFunctionResolver } from '../trace/resolve-names.js';
import { writeSeedTrace } from '../trace/seed-format.js';
import { formatTrace } from '../trace/write.js';
import { parseCall } from '../wave/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readComponentFile } from '../util/component-file.js';
import { importUserModule } from '../util/user-module.js';

export type TraceFormat = 'trace' | 'seed';

export interface RecordComponentOptions {
  /** The real host: a jco imports object, or a module exporting one (default export or `imports`). */
  readonly host?: JcoImports | string;
  /** WAVE calls of the component's exports, made in order. */
  readonly invocations: readonly string[];
  /** Where to write the trace; none: only returned. */
  readonly output?: string;
  readonly format?: TraceFormat;
  readonly wasi?: WasiGrants;
  /** Told after each call. */
  readonly onCall?: (call: ExportCall) => void;
}

export interface RecordedRun {
  readonly trace: Trace;
  readonly outcomes: readonly CallOutcome[];
}

export async function recordComponent(componentPath: string, options: RecordComponentOptions): Promise<RecordedRun> {
  const component = await loadJcoComponent(await readComponentFile(componentPath));
  const host = typeof options.host === 'string' ? await importHost(options.host) : (options.host ?? {});
  const componentRef = options.output === undefined ? componentPath : relative(dirname(resolve(options.output)), resolve(componentPath));
  const recording = await startRecording(component, { ...sandboxedWasi(options.wasi), ...host }, { componentPath: componentRef });
  const resolveExport = traceFunctionResolver(component.world, 'export');
  const outcomes: CallOutcome[] = [];
  const write = async () => {
    if (options.output === undefined) return;
    const trace = recording.trace();
    await writeFileAtomic(options.output, options.format === 'seed' ? writeSeedTrace(trace) : formatTrace(trace));
  };
  for (const [index, invocation] of options.invocations.entries()) {
    let fn: ReturnType<typeof resolveExport>;
    const call = parseCall(
      invocation,
      (name) => {
        fn = resolveExport(name);
        return fn === undefined ? undefined : { params: fn.function.params };
      },
      { file: `--invoke #${index + 1}` },
    );
    if (fn === undefined) throw new ProxyComponentError('USAGE', `the component has no export ${call.name}`);
    outcomes.push(recording.call(fn, call.args));
    const calls = recording.trace().calls;
    options.onCall?.(calls[calls.length - 1] as ExportCall);
    await write();
  }
  await write();
  return { trace: recording.trace(), outcomes };
}

async function importHost(path: string): Promise<JcoImports> {
  const module = await importUserModule(path, 'host module');
  const host = module['default'] ?? module['imports'];
  if (typeof host !== 'object' || host === null) {
    throw new ProxyComponentError('USAGE', `the host module ${path} must export its imports object as \`default\` or \`imports\``);
  }
  return host as JcoImports;
}
