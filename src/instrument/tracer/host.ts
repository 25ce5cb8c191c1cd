/**
 * `--use-host-recorder`: the tracer only translates, and the host does the
 * recording or replaying through the original tool's `proxy:recorder@0.1.0`
 * interfaces, with values as WAVE text and functions by the original's names
 * (`ns:pkg/iface.func`, without version).
 */
import { seedMethodName } from '../../trace/seed-format.js';
import type { Value } from '../../values/value.js';
import { parseValue, printValue } from '../../wave/index.js';
import { callNameOf } from '../../wit/lookup.js';
import type { WorldFunction } from '../../wit/world.js';
import type { Handler, Step, TracerContext } from './tracer.js';

/** `proxy:recorder/record@0.1.0` as a JS object (options are `null` when none). */
export interface RecorderRecord {
  recordArgs(method: string | null, args: string[], isExport: boolean): void;
  recordRet(method: string | null, ret: string | null, isExport: boolean): void;
}

/** `proxy:recorder/replay@0.1.0` as a JS object. */
export interface RecorderReplay {
  replayExport(): [string, string[]] | null | undefined;
  assertExportRet(method: string | null, ret: string | null): void;
  replayImport(method: string | null, args: string[] | null): string | null | undefined;
}

function printArgs(fn: WorldFunction, args: readonly Value[]): string[] {
  return fn.function.params.map((param, i) => printValue(args[i] as Value, param.type));
}

function printRet(fn: WorldFunction, result: Value | undefined): string | null {
  const type = fn.function.result;
  return type === undefined || result === undefined ? null : printValue(result, type);
}

export function hostRecordHandler(record: RecorderRecord): (context: TracerContext) => Handler {
  return () => ({
    beginExport(fn, args): Step {
      record.recordArgs(seedMethodName(fn), printArgs(fn, args), true);
      return {};
    },
    endExport(fn, result): Step {
      record.recordRet(seedMethodName(fn), printRet(fn, result), true);
      return {};
    },
    beginImport(fn, args): Step {
      record.recordArgs(seedMethodName(fn), printArgs(fn, args), false);
      return {};
    },
    endImport(fn, result): Step {
      record.recordRet(seedMethodName(fn), printRet(fn, result), false);
      return {};
    },
  });
}

export function hostReplayHandler(replay: RecorderReplay): (context: TracerContext) => Handler {
  return (context) => {
    const byName = new Map<string, number>();
    context.exports.forEach((fn, i) => {
      byName.set(seedMethodName(fn), i);
      byName.set(callNameOf(fn), i);
    });
    return {
      nextExport(): Step {
        const next = replay.replayExport();
        if (next === null || next === undefined) return {};
        const [method, args] = next;
        const fn = byName.get(method);
        const func = fn === undefined ? undefined : context.exports[fn];
        if (fn === undefined || func === undefined) return { report: `replay: the component has no export \`${method}\`\n`, fail: true };
        const params = func.function.params;
        if (args.length !== params.length) return { report: `replay: \`${method}\` takes ${params.length} argument(s), the recorder gave ${args.length}\n`, fail: true };
        return { call: { fn, args: params.map((param, i) => parseValue(args[i] as string, param.type)) } };
      },
      beginExport: () => ({ report: 'replay: the host called an export directly\n', fail: true }),
      endExport(fn, result): Step {
        replay.assertExportRet(seedMethodName(fn), printRet(fn, result));
        return {};
      },
      beginImport(fn, args): Step {
        const ret = replay.replayImport(seedMethodName(fn), printArgs(fn, args));
        const type = fn.function.result;
        if (type === undefined) return { answer: {} };
        if (ret === null || ret === undefined) return { report: `replay: the recorder has no result for \`${callNameOf(fn)}\`\n`, fail: true };
        return { answer: { value: parseValue(ret, type) } };
      },
      endImport: () => ({ report: 'replay: an import was forwarded to the host\n', fail: true }),
    };
  };
}
