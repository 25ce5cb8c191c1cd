/**
 * What a campaign does with its divergent programs: shrinks each (shrink.ts)
 * on one engine per side of the divergence, merges those that shrink to the
 * same program, runs each shrunk program once more on every engine
 * (examine.ts), explains it when a known difference does, and saves it to
 * the corpus as a replayable trace.
 *
 * A program whose divergence a known difference already explains, in the
 * same shape as one shrunk before, joins that one without being shrunk
 * again: shrinking is the campaign's costly part, and the explanation
 * matchers are narrow (explain.ts). Past `maxShrinks` shrinks, the other
 * divergent programs are reported as generated.
 */
import { createHash } from 'node:crypto';
import type fc from 'fast-check';
import type { EngineOutcome } from '../engines/engine.js';
import type { WorldFunction } from '../wit/world.js';
import type { Program } from './ast.js';
import type { ReadyEngine } from './campaign-engines.js';
import { divergenceShape } from './compare-program.js';
import type { BuiltComponent } from './components.js';
import { saveDivergence } from './corpus-trace.js';
import { examineProgram, runOutcomeKey, sidesOf } from './examine.js';
import { explain } from './explain.js';
import type { InterpreterLanguage } from './languages.js';
import type { CampaignDivergence } from './report.js';
import { shrinkDivergence } from './shrink.js';

export interface InvestigationSetup {
  readonly language: InterpreterLanguage;
  readonly arbitrary: fc.Arbitrary<Program>;
  readonly seed: number;
  readonly run: WorldFunction;
  readonly ready: readonly ReadyEngine[];
  readonly component: BuiltComponent;
  readonly timeoutMs: number;
  readonly shrink: boolean;
  readonly shrinkTimeMs: number;
  readonly maxShrinks: number;
  readonly corpus?: string;
  readonly log: (line: string) => void;
  /** Each engine's measured time per program: shrinking runs on the quickest. */
  readonly msPerProgram: ReadonlyMap<string, number>;
}

/** A divergent program of the campaign: its run number, text and normalised outcomes (engine order). */
export interface DivergentProgram {
  readonly index: number;
  readonly program: string;
  readonly outcomes: readonly EngineOutcome[];
}

export async function investigate(divergent: readonly DivergentProgram[], setup: InvestigationSetup): Promise<CampaignDivergence[]> {
  const { language, ready } = setup;
  const keyOf = runOutcomeKey(setup.run);
  const labels = ready.map((engine) => engine.label);
  const found = new Map<string, { indices: number[]; path: string; original: string }>();
  const explainedBefore = new Map<string, string>();
  let shrinks = 0;
  for (const { index, program: original, outcomes } of divergent) {
    const known = explain({ program: original, sides: sidesOf(labels, outcomes, keyOf) }, language.knownDifferences);
    const knownKey = known === undefined ? undefined : `${known.name} ${divergenceShape(outcomes, keyOf) ?? ''}`;
    const earlier = knownKey === undefined ? undefined : explainedBefore.get(knownKey);
    if (earlier !== undefined) {
      found.get(earlier)?.indices.push(index);
      continue;
    }
    let shrunk = original;
    let path = String(index);
    const representatives = pickRepresentatives(ready, outcomes, keyOf, setup.msPerProgram);
    const shape = divergenceShape(representatives.map((engine) => outcomes[ready.indexOf(engine)] as EngineOutcome), keyOf);
    if (setup.shrink && shape !== undefined && shrinks < setup.maxShrinks) {
      shrinks++;
      const result = await shrinkDivergence({ arbitrary: setup.arbitrary, seed: setup.seed, index, language, engines: representatives, run: setup.run, timeoutMs: setup.timeoutMs, shape, timeLimitMs: setup.shrinkTimeMs });
      if (result !== undefined) {
        shrunk = language.print(result.program);
        path = result.path;
        setup.log(`program #${index}: shrunk from ${original.split('\n').length} to ${shrunk.split('\n').length} lines in ${result.tries} runs`);
      }
    }
    const entry = found.get(shrunk) ?? { indices: [], path, original };
    entry.indices.push(index);
    found.set(shrunk, entry);
    if (knownKey !== undefined) explainedBefore.set(knownKey, shrunk);
  }
  const divergences: CampaignDivergence[] = [];
  for (const [program, entry] of found) divergences.push(await describe(program, entry, setup));
  return divergences;
}

/** One engine per group of agreeing engines, the quickest of each, so that a shrink step costs as little as possible. */
function pickRepresentatives(engines: readonly ReadyEngine[], outcomes: readonly EngineOutcome[], keyOf: (outcome: EngineOutcome) => string | undefined, msPerProgram: ReadonlyMap<string, number>): ReadyEngine[] {
  const cost = (engine: ReadyEngine) => msPerProgram.get(engine.label) ?? Number.POSITIVE_INFINITY;
  const byGroup = new Map<string, ReadyEngine>();
  for (const [index, engine] of engines.entries()) {
    const key = keyOf(outcomes[index] as EngineOutcome);
    if (key === undefined) continue;
    const current = byGroup.get(key);
    if (current === undefined || cost(engine) < cost(current)) byGroup.set(key, engine);
  }
  const chosen = new Set(byGroup.values());
  return engines.filter((engine) => chosen.has(engine));
}

async function describe(program: string, entry: { indices: number[]; path: string; original: string }, setup: InvestigationSetup): Promise<CampaignDivergence> {
  const examined = await examineProgram(program, setup.ready, setup.run, setup.language, setup.timeoutMs);
  const verdict = examined.verdict ?? 'the engines agree on the shrunk program when run again';
  const sides = examined.sides.map(({ engines, outcome }) => ({ engines, outcome }));
  let trace: string | undefined;
  if (setup.corpus !== undefined && examined.verdict !== undefined && examined.component !== undefined) {
    const saved = await saveDivergence(setup.corpus, {
      run: setup.run,
      program,
      component: examined.component,
      componentHash: createHash('sha256').update(setup.component.bytes).digest('hex'),
      componentPath: setup.component.path,
      seed: setup.seed,
      path: entry.path,
      verdict,
      ...(examined.explanation === undefined ? {} : { explanation: examined.explanation.name }),
      sides,
    });
    trace = saved.file;
  }
  return {
    found: entry.indices,
    original: entry.original,
    program,
    path: entry.path,
    verdict,
    sides,
    normalised: examined.normalised,
    ...(examined.explanation === undefined ? {} : { explanation: { name: examined.explanation.name, text: examined.explanation.explanation } }),
    ...(trace === undefined ? {} : { trace }),
  };
}
