/**
 * Shrinking a divergent program with fast-check: the campaign's program
 * number `index` under `seed` is fast-check's run `index` (the campaign
 * samples programs the way `fc.check` generates them), so `fc.check` with
 * `path: index` starts from that very program and shrinks it, keeping each
 * smaller program on which the engines still diverge the same way
 * (compare-program.ts `divergenceShape`). Each step runs one program on a
 * few engines only (one per side of the divergence, the fastest), so that a
 * shrink costs seconds.
 *
 * fast-check shrinks lists from the front only, and operations only towards
 * fresh leaves, so a pass removing single statements and hoisting arguments
 * follows (simplify.ts). Verdicts are kept by printed program: many of
 * fast-check's candidates print the same (a shrunk initial value of a
 * variable the program never uses is not printed), and each costs nothing
 * after the first. The result carries fast-check's counterexample path,
 * which replays fast-check's shrunk program directly
 * (`fc.check(..., { seed, path })`).
 */
import fc from 'fast-check';
import { outcomeKey } from '../differential/compare.js';
import type { CallReport, EngineOutcome } from '../engines/engine.js';
import type { WorldFunction } from '../wit/world.js';
import type { Program } from './ast.js';
import { compareProgram, divergenceShape } from './compare-program.js';
import type { InterpreterLanguage } from './languages.js';
import { programCalls, type ProgramEngine } from './run-programs.js';
import { simplifyProgram } from './simplify.js';

export interface ShrinkSetup {
  readonly arbitrary: fc.Arbitrary<Program>;
  readonly seed: number;
  /** The program's run number in the campaign. */
  readonly index: number;
  readonly language: InterpreterLanguage;
  /** The engines each candidate runs on. */
  readonly engines: readonly ProgramEngine[];
  readonly run: WorldFunction;
  readonly timeoutMs: number;
  /** The divergence to keep, among `engines` (see divergenceShape). */
  readonly shape: string;
  /** Stop shrinking after this long (both passes), keeping the smallest program so far. */
  readonly timeLimitMs: number;
}

export interface ShrinkResult {
  /** The shrunk program, after the statement-removal pass (simplify.ts). */
  readonly program: Program;
  /** fast-check's path from the seed to its shrunk program (before statement removal). */
  readonly path: string;
  /** Distinct candidate programs run. */
  readonly tries: number;
}

/** Runs one program on each engine, all at once (one per side: a worker thread and a process); the outcomes after normalisation, in engine order. */
export async function runOnEngines(engines: readonly ProgramEngine[], run: WorldFunction, program: string, language: InterpreterLanguage, timeoutMs: number): Promise<readonly EngineOutcome[]> {
  const calls = programCalls(run, [program]);
  const reports = await Promise.all(
    engines.map(async (engine): Promise<CallReport> => {
      const result = await engine.loaded.run(calls, { timeoutMs });
      return result.calls[0] ?? { outcome: { kind: 'not-run', reason: result.failure ?? 'no report' } };
    }),
  );
  return compareProgram(calls[0] as (typeof calls)[number], engines.map((engine) => engine.label), reports, language.rules).outcomes;
}

export async function shrinkDivergence(setup: ShrinkSetup): Promise<ShrinkResult | undefined> {
  const deadline = performance.now() + setup.timeLimitMs;
  let tries = 0;
  const call = programCalls(setup.run, [''])[0] as ReturnType<typeof programCalls>[number];
  const keyOf = (outcome: EngineOutcome) => outcomeKey(call, outcome);
  const verdicts = new Map<string, boolean>();
  const stillDiverges = async (program: Program): Promise<boolean> => {
    const text = setup.language.print(program);
    const known = verdicts.get(text);
    if (known !== undefined) return known;
    tries++;
    const outcomes = await runOnEngines(setup.engines, setup.run, text, setup.language, setup.timeoutMs);
    const verdict = divergenceShape(outcomes, keyOf) === setup.shape;
    verdicts.set(text, verdict);
    return verdict;
  };
  // The property holds unless the engines still diverge the same way.
  const property = fc.asyncProperty(setup.arbitrary, async (program) => !(await stillDiverges(program)));
  const details = await fc.check(property, {
    seed: setup.seed,
    path: String(setup.index),
    numRuns: 1,
    interruptAfterTimeLimit: setup.timeLimitMs,
    markInterruptAsFailure: false,
  });
  if (!details.failed || details.counterexample === null) return undefined;
  // The last pass shares the time limit: past it, no candidate is taken.
  const simplified = await simplifyProgram(details.counterexample[0], async (program) => performance.now() < deadline && (await stillDiverges(program)));
  return { program: simplified.program, path: details.counterexamplePath ?? String(setup.index), tries };
}
