/**
 * Record mode: the trace written as the calls happen, one line per event, so
 * that a run that traps still leaves every call before the trap on stdout.
 * The `.trace` format by default (header first: world, component hash and
 * tool version, fixed when the component was instrumented), or the original
 * tool's JSONL.
 */
import { formatExportLine, formatHeader, formatImportLine, formatOutcome } from '../../trace/write.js';
import { seedMethodName } from '../../trace/seed-format.js';
import { TRACE_FORMAT_VERSION } from '../../trace/model.js';
import { printValue } from '../../wave/index.js';
import { callNameOf } from '../../wit/lookup.js';
import type { Value } from '../../values/value.js';
import type { WorldFunction } from '../../wit/world.js';
import type { Handler, Step, TracerContext } from './tracer.js';

/** Writes trace lines for calls; shared by record and fuzz. */
export class TraceLines {
  private headerWritten = false;

  constructor(private readonly context: TracerContext) {}

  exportCall(fn: WorldFunction, args: readonly Value[]): string {
    const line = this.context.config.format === 'seed' ? seedLine('ExportArgs', fn, printArgs(fn, args)) : formatExportLine({ function: fn, args });
    return `${this.header()}${line}\n`;
  }

  importCall(fn: WorldFunction, args: readonly Value[], result: Value | undefined): string {
    if (this.context.config.format === 'seed') {
      return `${seedLine('ImportArgs', fn, printArgs(fn, args))}\n${seedLine('ImportRet', fn, printRet(fn, result))}\n`;
    }
    const outcome = result === undefined ? { kind: 'return' as const } : { kind: 'return' as const, value: result };
    return `${formatImportLine({ name: callNameOf(fn), function: fn, args, outcome })}\n`;
  }

  exportReturn(fn: WorldFunction, result: Value | undefined): string {
    if (this.context.config.format === 'seed') return `${seedLine('ExportRet', fn, printRet(fn, result))}\n`;
    const outcome = result === undefined ? { kind: 'return' as const } : { kind: 'return' as const, value: result };
    return `${formatOutcome(outcome, { function: fn })}\n`;
  }

  private header(): string {
    if (this.headerWritten || this.context.config.format === 'seed') return '';
    this.headerWritten = true;
    return `${formatHeader({ version: TRACE_FORMAT_VERSION, ...this.context.config.header })}\n`;
  }
}

function printArgs(fn: WorldFunction, args: readonly Value[]): string[] {
  return fn.function.params.map((param, i) => printValue(args[i] as Value, param.type));
}

function printRet(fn: WorldFunction, result: Value | undefined): string | null {
  const type = fn.function.result;
  return type === undefined || result === undefined ? null : printValue(result, type);
}

function seedLine(kind: string, fn: WorldFunction, payload: string[] | string | null): string {
  const method = seedMethodName(fn);
  return JSON.stringify({ [kind]: Array.isArray(payload) ? { method, args: payload } : { method, ret: payload } });
}

export function recordHandler(context: TracerContext): Handler {
  const lines = new TraceLines(context);
  let pending: readonly Value[] = [];
  return {
    beginExport: (fn, args): Step => ({ output: lines.exportCall(fn, args) }),
    endExport: (fn, result): Step => ({ output: lines.exportReturn(fn, result) }),
    beginImport(_fn, args): Step {
      pending = args;
      return {};
    },
    endImport: (fn, result): Step => ({ output: lines.importCall(fn, pending, result) }),
  };
}
