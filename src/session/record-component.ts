/**
 * Recording a component from the command line: a host module provides the
 * imports (WASI comes from a sandboxed shim unless the host overrides it), WAVE
 * calls drive the exports, and each completed export call is appended to the
 * trace file and committed as it completes (util/append-file.ts): the file is
 * never rewritten, so recording costs the same per call however long the
 * trace, and an interrupted recording, even one stopped by SIGKILL, leaves a
 * trace of every call that completed.
 */
import { dirname, relative, resolve } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import { loadJcoComponent, type JcoImports } from '../engines/jco/load.js';
import { startRecording } from '../host/record.js';
import { sandboxedWasi, type WasiGrants } from '../host/wasi.js';
import type { ExportCall, Trace } from '../trace/model.js';
import { traceFunctionResolver } from '../trace/resolve-names.js';
import { writeSeedTrace } from '../trace/seed-format.js';
import { formatExportCall, formatHeader } from '../trace/write.js';
import { parseCall } from '../wave/index.js';
import { AppendFile } from '../util/append-file.js';
import { readComponentFile } from '../util/component-file.js';
import type { Value } from '../values/value.js';
import { callNames } from '../wit/lookup.js';
import type { World, WorldFunction } from '../wit/world.js';
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
  /** Export calls recorded. */
  readonly calls: number;
  /** The trace, when there is no output file (with one, the calls are written out, not kept). */
  readonly trace?: Trace;
}

export async function recordComponent(componentPath: string, options: RecordComponentOptions): Promise<RecordedRun> {
  const component = await loadJcoComponent(await readComponentFile(componentPath));
  const host = typeof options.host === 'string' ? await importHost(options.host) : (options.host ?? {});
  const componentRef = options.output === undefined ? componentPath : relative(dirname(resolve(options.output)), resolve(componentPath));
  const planned = planInvocations(component.world, options.invocations);
  const recording = await startRecording(component, { ...sandboxedWasi(options.wasi), ...host }, { componentPath: componentRef }, { retain: options.output === undefined });
  const seed = options.format === 'seed';
  const file = options.output === undefined ? undefined : AppendFile.create(options.output, seed ? undefined : `${formatHeader(recording.header)}\n`);
  let completed: ExportCall | undefined;
  recording.onExportCall = (call) => {
    completed = call;
  };
  try {
    for (const { fn, args } of planned) {
      recording.call(fn, args);
      const call = completed as ExportCall;
      options.onCall?.(call);
      file?.append(seed ? writeSeedTrace({ header: recording.header, calls: [call] }) : `${formatExportCall(call)}\n`);
    }
  } finally {
    file?.close();
  }
  return file === undefined ? { calls: planned.length, trace: recording.trace() } : { calls: planned.length };
}

/**
 * `--invoke` calls (WAVE) of exports of `world`, typed. Every invocation is
 * checked before the first call is made: a typo in the tenth is not found
 * after nine calls.
 */
export function planInvocations(world: World, invocations: readonly string[]): { readonly fn: WorldFunction; readonly args: readonly Value[] }[] {
  const resolveExport = traceFunctionResolver(world, 'export');
  return invocations.map((invocation, index) => {
    let fn: WorldFunction | undefined;
    const call = parseCall(
      invocation,
      (name) => {
        fn = resolveExport(name);
        return fn === undefined ? undefined : { params: fn.function.params };
      },
      { file: `--invoke #${index + 1}` },
      () => callNames(world, 'export'),
    );
    if (fn === undefined) throw new ProxyComponentError('USAGE', `the component has no export ${call.name}`);
    return { fn, args: call.args };
  });
}

/** The jco imports object a host module exports (as `default` or `imports`). */
export async function importHost(path: string): Promise<JcoImports> {
  const module = await importUserModule(path, 'host module');
  const host = module['default'] ?? module['imports'];
  if (typeof host !== 'object' || host === null) {
    throw new ProxyComponentError('USAGE', `the host module ${path} must export its imports object as \`default\` or \`imports\``);
  }
  return host as JcoImports;
}
