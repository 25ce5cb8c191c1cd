/**
 * `toAgreeAcrossEngines`: the same export calls on several engines (jco, Node
 * 24, Bun, Deno, the wasmtime CLI, a native module…), passing when every
 * engine agrees, failing with the differential report: the first differing
 * call, every engine's outcome side by side, and with three or more engines
 * the odd one out by majority vote. Shared by Vitest and Jest (see core.ts).
 *
 * ```ts
 * await expect({ component: 'build/app.wasm', trace: 'traces/run.trace' }).toAgreeAcrossEngines();
 * await expect({ component: 'calc.wasm', calls: ['add(1, 2)', 'add(2, 2)'] }).toAgreeAcrossEngines(['jco', 'node', 'native:./calc.mjs']);
 * ```
 *
 * A trace gives every engine its import answers; plain calls give none (an
 * import call then fails, on every engine alike). The report also travels with
 * the result, as `proxyDifferential` (Jest keeps it in the failure's
 * `matcherResult`) and, under Vitest, in the test's `meta`, for the reporters.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { compareRuns } from '../src/differential/compare.js';
import { renderDifferential } from '../src/differential/render.js';
import type { DifferentialReport } from '../src/differential/report.js';
import type { PlannedCall } from '../src/engines/engine.js';
import { ProxyComponentError } from '../src/errors.js';
import { readTrace } from '../src/trace/read.js';
import { traceFunctionResolver } from '../src/trace/resolve-names.js';
import { describeIoError } from '../src/util/io-error.js';
import { engineNameList, listNames, runAcrossEngines, skippedNote } from '../src/vitest/engine-agreement.js';
import { parseCall } from '../src/wave/index.js';
import { decodeComponentWorld } from '../src/wit/binary/decode.js';
import { callNameOf } from '../src/wit/lookup.js';
import type { World } from '../src/wit/world.js';
import type { MatcherContext, MatcherOutcome } from './core.js';

/** What `expect(received)` takes: the component with the calls to run, as a trace or as WAVE calls. */
export interface AgreementSubject {
  /** The component (.wasm). */
  readonly component: string;
  /** A trace file, or the trace text itself (anything with a line break): its export calls, with its import answers. */
  readonly trace?: string;
  /** WAVE export calls (`add(1, 2)`, `test:calc/ops.add(1, 2)`), run in order, without import answers. */
  readonly calls?: readonly string[];
  /** Longest one export call may run on one engine, in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
}

/** Engine names (`['jco', 'node']`, or `'jco,node'`); default: those installed of jco, node, bun, deno and wasmtime. */
export type EngineNames = string | readonly string[];

export interface AgreementOutcome extends MatcherOutcome {
  /** The differential report, for reporters. */
  readonly proxyDifferential: DifferentialReport;
}

/** Vitest's matcher context has the running test; its meta reaches the reporter. */
interface TaskHolder {
  readonly task?: { readonly meta: object };
}

export async function toAgreeAcrossEngines(this: MatcherContext, received: unknown, engines?: EngineNames): Promise<AgreementOutcome> {
  const subject = agreementSubject(received);
  const named = engines === undefined ? undefined : engineNameList(engines);
  if (named !== undefined && named.length < 2) throw new ProxyComponentError('USAGE', `toAgreeAcrossEngines compares two or more engines, got only ${named.join('')}`);
  const path = resolve(subject.component);
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read the component ${subject.component}: ${describeIoError(cause)}`, { cause });
  });
  const world = decodeComponentWorld(new Uint8Array(bytes));
  const plan = await planOf(subject, world);
  const { runs, skipped } = await runAcrossEngines({ bytes: new Uint8Array(bytes), path }, plan.calls, {
    ...(named === undefined ? {} : { engines: named }),
    ...(subject.timeoutMs === undefined ? {} : { timeoutMs: subject.timeoutMs }),
  });
  const skippedLine = skippedNote(skipped);
  if (runs.length < 2) {
    throw new ProxyComponentError('USAGE', `toAgreeAcrossEngines found only ${runs.map((run) => run.engine).join('') || 'no engine'} able to run the component (${skippedLine}): install more engines (bash scripts/setup-engines.sh) or name them`);
  }
  const report = compareRuns(plan.calls, runs, plan.file === undefined ? {} : { file: plan.file });
  const names = listNames(runs.map((run) => run.engine));
  const component = this.utils.printReceived(subject.component);
  const note = skippedLine === '' ? '' : `\n(${skippedLine})`;
  const count = `${report.calls} export call${report.calls === 1 ? '' : 's'}`;
  if (!report.agreed && !this.isNot) {
    const meta = (this as MatcherContext & TaskHolder).task?.meta;
    if (meta !== undefined) (meta as { proxyDifferential?: DifferentialReport }).proxyDifferential = report;
  }
  return {
    pass: report.agreed,
    proxyDifferential: report,
    message: () =>
      report.agreed
        ? `expected ${component} not to agree across ${names}, but they agree on all ${count}${note}`
        : `expected ${component} to agree across ${names} on ${count}, but ${report.divergence === undefined ? 'not every engine could run it' : 'they differ'}:\n\n${renderDifferential(report, { color: false })}${note}`,
  };
}

function agreementSubject(received: unknown): AgreementSubject {
  const usage = (what: string) =>
    new ProxyComponentError('USAGE', `toAgreeAcrossEngines expects { component, trace } or { component, calls } as the received value, got ${what}`);
  if (typeof received !== 'object' || received === null || Array.isArray(received)) throw usage(typeof received === 'string' ? 'a path alone (which calls should run?)' : describe(received));
  const subject = received as Partial<Record<keyof AgreementSubject, unknown>>;
  if (typeof subject.component !== 'string') throw usage('an object without a string `component`');
  const hasTrace = subject.trace !== undefined;
  const hasCalls = subject.calls !== undefined;
  if (hasTrace === hasCalls) throw usage(hasTrace ? 'both `trace` and `calls`' : 'neither `trace` nor `calls`');
  if (hasTrace && typeof subject.trace !== 'string') throw usage('a `trace` that is not a string');
  if (hasCalls && !(Array.isArray(subject.calls) && subject.calls.every((call) => typeof call === 'string'))) throw usage('`calls` that are not a list of strings');
  if (subject.timeoutMs !== undefined && typeof subject.timeoutMs !== 'number') throw usage('a `timeoutMs` that is not a number');
  return received as AgreementSubject;
}

async function planOf(subject: AgreementSubject, world: World): Promise<{ readonly file?: string; readonly calls: readonly PlannedCall[] }> {
  let calls: readonly PlannedCall[];
  let file: string | undefined;
  if (subject.trace !== undefined) {
    const trace = subject.trace;
    const isText = trace.includes('\n');
    file = isText ? undefined : relative(process.cwd(), resolve(trace)) || trace;
    const text = isText
      ? trace
      : await readFile(trace, 'utf8').catch((cause: unknown) => {
          throw new ProxyComponentError('IO', `cannot read the trace ${trace}: ${describeIoError(cause)}`, { cause });
        });
    calls = readTrace(text, world, file === undefined ? {} : { file }).calls;
  } else {
    calls = parseCalls(subject.calls ?? [], world);
  }
  if (calls.length === 0) throw new ProxyComponentError('USAGE', `toAgreeAcrossEngines has no export call to run in ${file ?? 'the calls given'}`);
  return file === undefined ? { calls } : { file, calls };
}

function parseCalls(texts: readonly string[], world: World): PlannedCall[] {
  const resolveExport = traceFunctionResolver(world, 'export');
  return texts.map((text, index) => {
    let fn: ReturnType<typeof resolveExport>;
    const call = parseCall(
      text,
      (name) => {
        fn = resolveExport(name);
        return fn === undefined ? undefined : { params: fn.function.params };
      },
      { file: `calls[${index}]` },
    );
    if (fn === undefined) throw new ProxyComponentError('WAVE_UNKNOWN_FUNCTION', `the component has no export ${call.name}`);
    return { name: callNameOf(fn), function: fn, args: call.args, imports: [] };
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
