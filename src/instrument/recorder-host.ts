/**
 * Our in-process engine as the host of the original tool's recorder
 * interfaces (`proxy:recorder/record@0.1.0`, `proxy:recorder/replay@0.1.0`),
 * so that a component instrumented with `--use-host-recorder` records or
 * replays under jco. It runs the same record and replay logic as the tracer
 * component does inside a composed component (tracer/record.ts,
 * tracer/replay.ts), fed with the WAVE text the recorder interface carries.
 *
 * @example
 * const host = recorderHost({ record: appWorld });
 * const exports = await composed.instantiate({ ...sandboxedWasi(), ...realHost, ...host.imports });
 * exports.run(5);
 * host.text(); // the trace, in the .trace format
 */
import type { JcoImports } from '../engines/jco/load.js';
import { TOOL_VERSION } from '../version.js';
import type { Value } from '../values/value.js';
import { parseValue, printValue } from '../wave/index.js';
import { callNameOf } from '../wit/lookup.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';
import { isPassthrough } from '../host/passthrough.js';
import { seedMethodName } from '../trace/seed-format.js';
import type { TracerConfig } from './tracer/config.js';
import { recordHandler } from './tracer/record.js';
import { replayHandler } from './tracer/replay.js';
import { HandleNumbers } from './tracer/handle-numbers.js';
import type { Handler, Step, TracerContext } from './tracer/tracer.js';
import { worldToJson } from './tracer/world-json.js';

export type RecorderTarget =
  /** Record the calls of a component of this world (the app's world, not the composed one's). */
  | { readonly record: World; readonly format?: 'trace' | 'seed'; readonly component?: string }
  /** Replay this trace (`.trace` or the original JSONL) against a component of `world`. */
  | { readonly replay: string; readonly world: World; readonly passthrough?: readonly string[] };

export interface RecorderHost {
  /** The jco imports to instantiate the composed component with. */
  readonly imports: JcoImports;
  /** Recording: the trace written so far. */
  text(): string;
  /** Replaying: the divergence report, when the replay stopped at one. */
  failure(): string | undefined;
  /** Replaying: the report when the trace is exhausted (how many calls matched). */
  summary(): string | undefined;
}

/** Thrown by the host into the component to stop it at a divergence (the component traps). */
export class RecorderStop extends Error {}

export function recorderHost(target: RecorderTarget): RecorderHost {
  const world = 'record' in target ? target.record : target.world;
  const passthrough = 'replay' in target ? (target.passthrough ?? []) : [];
  const exports = worldFunctions(world, 'export');
  const imports = worldFunctions(world, 'import').filter((fn) => !isPassthrough(fn, passthrough));
  const config: TracerConfig = {
    mode: 'record' in target ? 'record' : 'replay',
    world: worldToJson(world),
    exports: exports.map(callNameOf),
    imports: imports.map(callNameOf),
    header: { world: 'root:component/root', tool: TOOL_VERSION, ...('record' in target && target.component !== undefined ? { component: target.component } : {}) },
    format: 'record' in target ? (target.format ?? 'trace') : 'trace',
  };
  const context: TracerContext = { config, world, exports, imports, handles: new HandleNumbers() };
  const handler: Handler = 'record' in target ? recordHandler(context) : replayHandler(context);
  let output = '';
  let failure: string | undefined;
  let summary: string | undefined;
  const take = (step: Step): Step => {
    output += step.output ?? '';
    if (step.fail === true) {
      failure ??= step.report ?? 'replay failed';
      throw new RecorderStop(failure);
    }
    if (step.report !== undefined) summary = step.report;
    return step;
  };
  if ('replay' in target) take(handler.loadTrace?.(target.replay) ?? {});

  const byMethod = (fns: readonly WorldFunction[]) => {
    const table = new Map<string, WorldFunction>();
    for (const fn of fns) {
      table.set(seedMethodName(fn), fn);
      table.set(callNameOf(fn), fn);
    }
    return (method: string | undefined, isExport: boolean): WorldFunction => {
      const fn = method === undefined ? undefined : table.get(method);
      if (fn === undefined) {
        failure ??= `proxy-component: the recorder does not know the ${isExport ? 'export' : 'import'} \`${String(method)}\``;
        throw new RecorderStop(failure);
      }
      return fn;
    };
  };
  const exportNamed = byMethod(exports);
  const importNamed = byMethod(imports);
  const parseArgs = (fn: WorldFunction, args: readonly string[]): Value[] => fn.function.params.map((param, i) => parseValue(args[i] ?? '', param.type));
  const parseRet = (fn: WorldFunction, ret: string | undefined): Value | undefined => (fn.function.result === undefined || ret === undefined ? undefined : parseValue(ret, fn.function.result));
  const printRet = (fn: WorldFunction, value: Value | undefined): string | undefined => (fn.function.result === undefined || value === undefined ? undefined : printValue(value, fn.function.result));
  let pendingImport: WorldFunction | undefined;

  const hostImports: JcoImports = {
    'proxy:recorder/record': {
      recordArgs(method: string | undefined, args: string[], isExport: boolean) {
        if (isExport) {
          const fn = exportNamed(method, true);
          take(handler.beginExport(fn, parseArgs(fn, args)));
        } else {
          pendingImport = importNamed(method, false);
          take(handler.beginImport(pendingImport, parseArgs(pendingImport, args)));
        }
      },
      recordRet(method: string | undefined, ret: string | undefined, isExport: boolean) {
        const fn = isExport ? exportNamed(method, true) : (pendingImport ?? importNamed(method, false));
        take(isExport ? handler.endExport(fn, parseRet(fn, ret)) : handler.endImport(fn, parseRet(fn, ret)));
      },
    },
    'proxy:recorder/replay': {
      replayExport(): [string, string[]] | undefined {
        const step = take(handler.nextExport?.() ?? {});
        if (step.call === undefined) return undefined;
        const fn = exports[step.call.fn] as WorldFunction;
        return [seedMethodName(fn), fn.function.params.map((param, i) => printValue(step.call?.args[i] as Value, param.type))];
      },
      assertExportRet(method: string | undefined, ret: string | undefined) {
        const fn = exportNamed(method, true);
        take(handler.endExport(fn, parseRet(fn, ret)));
      },
      replayImport(method: string | undefined, args: string[] | undefined): string | undefined {
        const fn = importNamed(method, false);
        const step = take(handler.beginImport(fn, parseArgs(fn, args ?? [])));
        return printRet(fn, step.answer?.value);
      },
    },
  };
  return { imports: hostImports, text: () => output, failure: () => failure, summary: () => summary };
}
