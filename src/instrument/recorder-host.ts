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
import type { TraceHeader } from '../trace/model.js';
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
  /**
   * Record the calls of a component of this world (the app's world, not the
   * composed one's); `header`: the app's hash, its path relative to the trace
   * and what the build left to the host (see build-section.ts).
   */
  | { readonly record: World; readonly format?: 'trace' | 'seed'; readonly header?: Pick<TraceHeader, 'component' | 'componentPath' | 'passthrough'> }
  /** Replay this trace (`.trace` or the original JSONL) against a component of `world`; `file` names it in reports (default `<stdin>`). */
  | { readonly replay: string; readonly world: World; readonly passthrough?: readonly string[]; readonly file?: string };

export interface RecorderHost {
  /** The jco imports to instantiate the composed component with. */
  readonly imports: JcoImports;
  /** Recording: the trace written so far. */
  text(): string;
  /**
   * Recording: the export call under way trapped with `message` (the host
   * saw it thrown out of the call): its lines end with the trap, after the
   * import call the host failed in, if it was in one, as `record` writes them.
   */
  trapped(message: string): void;
  /** Replaying: the divergence report, when the replay stopped at one. */
  failure(): string | undefined;
  /** Replaying: the report when the trace is exhausted (how many calls matched). */
  summary(): string | undefined;
  /**
   * Replaying: every report so far, in order, as the replay component writes
   * them to stderr: for people, each followed by its end line for programs
   * (read it with `replayRunEnd`, trace/replay-end.ts).
   */
  reports(): string;
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
    header: { world: 'root:component/root', ...('record' in target ? recordedHeader(target.header ?? {}) : {}), tool: TOOL_VERSION },
    format: 'record' in target ? (target.format ?? 'trace') : 'trace',
  };
  const context: TracerContext = { config, world, exports, imports, handles: new HandleNumbers() };
  const handler: Handler = 'record' in target ? recordHandler(context) : replayHandler(context);
  let output = '';
  let failure: string | undefined;
  let summary: string | undefined;
  let reports = '';
  const take = (step: Step): Step => {
    output += step.output ?? '';
    reports += step.report ?? '';
    if (step.fail === true) {
      failure ??= step.report ?? 'replay failed';
      throw new RecorderStop(failure);
    }
    if (step.report !== undefined) summary = step.report;
    return step;
  };
  if ('replay' in target) take(handler.loadTrace?.(target.replay, target.file) ?? {});

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
  const trapped = (message: string): void => void take(handler.trapped?.(message) ?? {});
  return { imports: hostImports, text: () => output, trapped, failure: () => failure, summary: () => summary, reports: () => reports };
}

/** The header fields a recording is told, in the order the instrumented record component writes them (`passthrough` only when there is some). */
function recordedHeader(header: Pick<TraceHeader, 'component' | 'componentPath' | 'passthrough'>): TracerConfig['header'] {
  return {
    ...(header.component === undefined ? {} : { component: header.component }),
    ...(header.componentPath === undefined ? {} : { componentPath: header.componentPath }),
    ...(header.passthrough === undefined || header.passthrough.length === 0 ? {} : { passthrough: header.passthrough }),
  };
}
