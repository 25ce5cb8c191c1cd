/**
 * Record mode: the trace written as the calls happen, one line per event, so
 * that a run that traps still leaves every call before the trap on stdout.
 * The `.trace` format by default (header first: world, component hash and
 * tool version, fixed when the component was instrumented), or the original
 * tool's JSONL.
 */
import { ProxyComponentError } from '../../errors.js';
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

  /** An import call the host failed (threw from), then the export call's trap. */
  importTrap(fn: WorldFunction, args: readonly Value[], message: string): string {
    this.refuseSeedTrap(fn);
    return `${formatImportLine({ name: callNameOf(fn), function: fn, args, outcome: { kind: 'trap', message } })}\n`;
  }

  exportTrap(fn: WorldFunction, message: string): string {
    this.refuseSeedTrap(fn);
    return `${formatOutcome({ kind: 'trap', message }, { function: fn })}\n`;
  }

  private refuseSeedTrap(fn: WorldFunction): void {
    if (this.context.config.format === 'seed') {
      throw new ProxyComponentError('USAGE', `the seed format cannot record a trap (\`${callNameOf(fn)}\`): write the trace in the .trace format`);
    }
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
  /** The export and import calls begun and not yet ended (for `trapped`). */
  let openExport: WorldFunction | undefined;
  let openImport: WorldFunction | undefined;
  return {
    beginExport(fn, args): Step {
      openExport = fn;
      return { output: lines.exportCall(fn, args) };
    },
    endExport(fn, result): Step {
      openExport = undefined;
      return { output: lines.exportReturn(fn, result) };
    },
    beginImport(fn, args): Step {
      openImport = fn;
      pending = args;
      return {};
    },
    endImport(fn, result): Step {
      openImport = undefined;
      return { output: lines.importCall(fn, pending, result) };
    },
    trapped(message): Step {
      // An import begun and never ended: the host threw from it, and that ended the call (as `record` writes it).
      const failedImport = openImport === undefined ? '' : lines.importTrap(openImport, pending, message);
      const output = openExport === undefined ? '' : `${failedImport}${lines.exportTrap(openExport, message)}`;
      openExport = undefined;
      openImport = undefined;
      return { output };
    },
  };
}
