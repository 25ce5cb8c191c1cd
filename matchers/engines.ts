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
 * await expect({ component: 'calc.wasm', fuzz: 30 }).toAgreeAcrossEngines(['jco', 'wasmtime', 'bun']);
 * ```
 *
 * An engine that cannot run the component (not installed, a feature or a WIT
 * shape it lacks) is no divergence: with two or more others it is named in the
 * message and the verdict is theirs; with fewer, nothing can be compared and
 * the matcher throws (as `diff` exits 2), naming each engine and why.
 *
 * A trace gives every engine its import answers; plain calls give none (an
 * import call then fails, on every engine alike). `fuzz: N` generates N export
 * calls, with import answers, from the WIT types (src/differential/fuzz-plan.ts),
 * seeded by `seed` or a random seed: agreement across engines as a property.
 * The message names the seed, so that `{ component, fuzz: N, seed }` replays
 * the same calls. The report also travels with
 * the result, as `proxyDifferential` (Jest keeps it in the failure's
 * `matcherResult`) and, under Vitest, in the test's `meta`, for the reporters.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import fc from 'fast-check';
import { compareRuns } from '../src/differential/compare.js';
import { fuzzPlan } from '../src/differential/fuzz-plan.js';
import { renderDifferential } from '../src/differential/render.js';
import type { DifferentialReport } from '../src/differential/report.js';
import type { PlannedCall } from '../src/engines/engine.js';
import { ProxyComponentError } from '../src/errors.js';
import { environmentSeed, randomSeed } from '../src/fuzz/seed.js';
import { readTrace } from '../src/trace/read.js';
import { traceFunctionResolver } from '../src/trace/resolve-names.js';
import { describeIoError } from '../src/util/io-error.js';
import { engineNameList, runAcrossEngines, skippedNote } from '../src/differential/engine-agreement.js';
import { listNames } from '../src/differential/vote.js';
import { parseCall } from '../src/wave/index.js';
import { decodeComponentWorld } from '../src/wit/binary/decode.js';
import { callNameOf, callNames } from '../src/wit/lookup.js';
import type { World } from '../src/wit/world.js';
import type { MatcherContext, MatcherOutcome } from './core.js';

/** What `expect(received)` takes: the component with the calls to run, as a trace, as WAVE calls, or generated. */
export interface AgreementSubject {
  /** The component (.wasm). */
  readonly component: string;
  /** A trace file, or the trace text itself (anything with a line break): its export calls, with its import answers. */
  readonly trace?: string;
  /** WAVE export calls (`add(1, 2)`, `test:calc/ops.add(1, 2)`), run in order, without import answers. */
  readonly calls?: readonly string[];
  /** Generate this many export calls, with import answers, from the WIT types (as `fuzz` generates them, resources included). */
  readonly fuzz?: number;
  /** With `fuzz`: the seed of the generated calls (default: random); the failure message names it. */
  readonly seed?: number;
  /** Longest one export call may run on one engine, in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
}

/** Engine names (`['jco', 'node']`, or `'jco,node'`); default: those installed of jco, node, bun, deno, gjs, jsc and wasmtime that can run the component. */
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
  const plan = await planOf(subject, world, new Uint8Array(bytes));
  const { runs, skipped } = await runAcrossEngines({ bytes: new Uint8Array(bytes), path }, plan.calls, {
    ...(named === undefined ? {} : { engines: named }),
    ...(subject.timeoutMs === undefined ? {} : { timeoutMs: subject.timeoutMs }),
  });
  const skippedLine = skippedNote(skipped);
  const report = compareRuns(plan.calls, runs, plan.file === undefined ? {} : { file: plan.file });
  if (report.verdict === 'too-few-engines') {
    // Nothing could be compared: neither a pass nor a divergence, but a check that cannot be made (`diff` exits 2).
    const reasons = [...(skippedLine === '' ? [] : [skippedLine]), ...report.couldNotRun.map((notRun) => `${notRun.engine} could not run it: ${notRun.reason}`)];
    throw new ProxyComponentError(
      'USAGE',
      `toAgreeAcrossEngines found only ${listNames(report.ran) || 'no engine'} able to run the component (${reasons.join('; ')}): install more engines (\`proxy-component engines\` says how) or name them`,
    );
  }
  const agreed = report.verdict === 'agree';
  const names = listNames(report.ran);
  const component = this.utils.printReceived(subject.component);
  const notes = [...report.couldNotRun.map((notRun) => `${notRun.engine} could not run it: ${notRun.reason}`), ...(skippedLine === '' ? [] : [skippedLine])];
  const note = notes.length === 0 ? '' : `\n(${notes.join('; ')})`;
  const count = `${report.calls}${plan.seed === undefined ? '' : ' generated'} export call${report.calls === 1 ? '' : 's'}${replayNote(subject, plan.seed)}`;
  if (!agreed && !this.isNot) {
    const meta = (this as MatcherContext & TaskHolder).task?.meta;
    if (meta !== undefined) (meta as { proxyDifferential?: DifferentialReport }).proxyDifferential = report;
  }
  return {
    pass: agreed,
    proxyDifferential: report,
    message: () =>
      agreed
        ? `expected ${component} not to agree across ${names}, but they agree on all ${count}${note}`
        : `expected ${component} to agree across ${names} on ${count}, but they differ:\n\n${renderDifferential(report, { color: false })}`,
  };
}

function agreementSubject(received: unknown): AgreementSubject {
  const usage = (what: string) =>
    new ProxyComponentError('USAGE', `toAgreeAcrossEngines expects { component, trace }, { component, calls } or { component, fuzz } as the received value, got ${what}`);
  if (typeof received !== 'object' || received === null || Array.isArray(received)) throw usage(typeof received === 'string' ? 'a path alone (which calls should run?)' : describe(received));
  const subject = received as Partial<Record<keyof AgreementSubject, unknown>>;
  if (typeof subject.component !== 'string') throw usage('an object without a string `component`');
  const sources = (['trace', 'calls', 'fuzz'] as const).filter((key) => subject[key] !== undefined).map((key) => `\`${key}\``);
  if (sources.length === 0) throw usage('none of `trace`, `calls` and `fuzz`');
  if (sources.length > 1) throw usage(`both ${sources.join(' and ')}`);
  if (subject.trace !== undefined && typeof subject.trace !== 'string') throw usage('a `trace` that is not a string');
  if (subject.calls !== undefined && !(Array.isArray(subject.calls) && subject.calls.every((call) => typeof call === 'string'))) throw usage('`calls` that are not a list of strings');
  if (subject.fuzz !== undefined && !(Number.isSafeInteger(subject.fuzz) && (subject.fuzz as number) >= 1)) throw usage(`a \`fuzz\` that is not a count of calls (1 or more): ${String(subject.fuzz)}`);
  if (subject.seed !== undefined && subject.fuzz === undefined) throw usage('a `seed` without `fuzz`');
  if (subject.seed !== undefined && !Number.isSafeInteger(subject.seed)) throw usage(`a \`seed\` that is not an integer: ${String(subject.seed)}`);
  if (subject.timeoutMs !== undefined && typeof subject.timeoutMs !== 'number') throw usage('a `timeoutMs` that is not a number');
  return received as AgreementSubject;
}

/** The calls to run; `seed` is set for generated calls. */
interface AgreementPlan {
  readonly file?: string;
  readonly calls: readonly PlannedCall[];
  readonly seed?: number;
}

async function planOf(subject: AgreementSubject, world: World, bytes: Uint8Array): Promise<AgreementPlan> {
  if (subject.fuzz !== undefined) return generatedPlan({ ...subject, fuzz: subject.fuzz }, bytes);
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

/** `count` calls from the WIT types, made as `fuzz` makes them; without a seed, fast-check's global one (as the property matchers), else a random one. */
async function generatedPlan(subject: AgreementSubject & { readonly fuzz: number }, bytes: Uint8Array): Promise<AgreementPlan> {
  const seed = subject.seed ?? environmentSeed() ?? fc.readConfigureGlobal().seed ?? randomSeed();
  const calls = await fuzzPlan(bytes, { count: subject.fuzz, seed, componentName: subject.component, ...(subject.timeoutMs === undefined ? {} : { timeoutMs: subject.timeoutMs }) });
  // Named by how to replay it, in place of a trace file.
  return { file: `fuzz seed ${seed}`, calls, seed };
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
      () => callNames(world, 'export'),
    );
    if (fn === undefined) throw new ProxyComponentError('WAVE_UNKNOWN_FUNCTION', `the component has no export ${call.name}`);
    return { name: callNameOf(fn), function: fn, args: call.args, imports: [] };
  });
}

/** How to get the same generated calls again: ` (seed 7: replay with { fuzz: 30, seed: 7 })`; '' for given calls. */
function replayNote(subject: AgreementSubject, seed: number | undefined): string {
  return seed === undefined ? '' : ` (seed ${seed}: replay with { fuzz: ${subject.fuzz}, seed: ${seed} })`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
