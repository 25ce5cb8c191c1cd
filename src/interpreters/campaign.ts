/**
 * A native-vs-Wasm campaign: generated programs run by an interpreter
 * component on several engines and by the native interpreter, compared after
 * the language's declared normalisations, with a majority vote; each
 * divergence is shrunk, explained when it is a known difference, and saved
 * to the corpus as a replayable trace (investigate.ts).
 *
 * Engines that cannot run the component at all (gjs cannot compile these
 * components) are found by a probe before the campaign and reported as
 * unavailable, with the reason, instead of failing every program
 * (campaign-engines.ts).
 */
import fc from 'fast-check';
import type { CallReport, PlannedCall } from '../engines/engine.js';
import { ProxyComponentError } from '../errors.js';
import type { WorldFunction } from '../wit/world.js';
import type { Program } from './ast.js';
import { prepareEngines, runFunction, type ReadyEngine } from './campaign-engines.js';
import { compareProgram, resultOf } from './compare-program.js';
import { loadBuiltComponent, type BuiltComponent } from './components.js';
import { programArbitrary, type ProgramOptions } from './generate.js';
import { investigate, type DivergentProgram } from './investigate.js';
import type { InterpreterLanguage } from './languages.js';
import { isNativeCommand } from './native-command-engine.js';
import type { CampaignEngine, CampaignReport, CampaignRule } from './report.js';
import { programCalls, runPrograms, type ProgramRuns } from './run-programs.js';

export interface CampaignOptions {
  readonly language: InterpreterLanguage;
  /** Engine names: the registry's, `native` (the language's interpreter), `native-command:<command>`. */
  readonly engines: readonly string[];
  readonly programs: number;
  readonly seed: number;
  /** Longest one program may run on one engine. Default 10 000 ms. */
  readonly timeoutMs?: number;
  readonly batchSize?: number;
  readonly concurrency?: number;
  /** Where to save divergences as traces; none saved without it. */
  readonly corpus?: string;
  /** Shrink divergences (default true); each shrink stops after `shrinkTimeMs` (default 60 000). */
  readonly shrink?: boolean;
  readonly shrinkTimeMs?: number;
  /** Most divergent programs shrunk (default 20); the others are reported as generated. */
  readonly maxShrinks?: number;
  readonly generator?: ProgramOptions;
  /** The component; default: the one the setup script built. */
  readonly component?: BuiltComponent;
  readonly log?: (line: string) => void;
}

/** The programs of a campaign, as fast-check generates them for run numbers 0, 1, ...; see shrink.ts. */
export function campaignPrograms(arbitrary: fc.Arbitrary<Program>, seed: number, count: number): Program[] {
  // A property's values are tuples of its arbitraries: sampling the tuple draws exactly what fc.check draws.
  return fc.sample(fc.tuple(arbitrary), { seed, numRuns: count }).map(([program]) => program);
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const started = performance.now();
  const { language } = options;
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const component = options.component ?? (await loadBuiltComponent(language.componentFile, language.sources));
  const run = runFunction(component);
  const { ready, unavailable } = await prepareEngines(options.engines, language, component, run);
  for (const engine of unavailable) log(`${engine.name}: cannot run the component: ${engine.unavailable ?? ''}`);
  if (ready.length < 2) throw new ProxyComponentError('USAGE', `a campaign needs two engines that run the component; available: ${ready.map((e) => e.label).join(', ') || 'none'}`);
  const interpreterVersion = await versionOf(language, ready, run);

  const arbitrary = programArbitrary(options.generator);
  const programs = campaignPrograms(arbitrary, options.seed, options.programs).map((program) => language.print(program));
  log(`running ${programs.length} ${language.name} programs on ${ready.map((e) => e.label).join(', ')}`);
  const runStarted = performance.now();
  const runs = await runPrograms(ready, run, programs, {
    timeoutMs,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
  const runMs = performance.now() - runStarted;
  const tally = tallyRuns(programs, runs, ready, run, language);
  log(`${programs.length - tally.divergent.length} agreed, ${tally.divergent.length} diverged, ${tally.timeouts.length} timeouts (${Math.round(runMs / 1000)} s)`);

  const shrinkStarted = performance.now();
  const divergences = await investigate(tally.divergent, {
    language,
    arbitrary,
    seed: options.seed,
    run,
    ready,
    component,
    timeoutMs,
    shrink: options.shrink ?? true,
    shrinkTimeMs: options.shrinkTimeMs ?? 60_000,
    maxShrinks: options.maxShrinks ?? 20,
    ...(options.corpus === undefined ? {} : { corpus: options.corpus }),
    log,
    msPerProgram: new Map(runs.tallies.map((engine) => [engine.engine, engine.elapsedMs / Math.max(1, engine.programs)])),
  });
  const shrinkMs = performance.now() - shrinkStarted;

  const elapsed = new Map(runs.tallies.map((engine) => [engine.engine, Math.round(engine.elapsedMs)]));
  const engines: CampaignEngine[] = [
    ...ready.map((engine) => {
      const elapsedMs = elapsed.get(engine.label) ?? 0;
      return { name: engine.label, version: engine.version, elapsedMs, programsPerSecond: elapsedMs > 0 ? Math.round((programs.length / elapsedMs) * 10_000) / 10 : 0 };
    }),
    ...unavailable,
  ];
  // A rule may be declared once per field (output, error): reported once.
  const rules: CampaignRule[] = language.rules
    .filter((rule, i, all) => all.findIndex((other) => other.name === rule.name) === i)
    .map((rule) => ({ name: rule.name, description: rule.description, why: rule.why, applied: Object.fromEntries(tally.ruleCounts.get(rule.name) ?? []) }));
  return {
    language: language.name,
    interpreter: language.interpreter,
    ...(interpreterVersion === undefined ? {} : { interpreterVersion }),
    component: { path: component.path, tool: component.tool, bytes: component.bytes.length },
    seed: options.seed,
    programs: programs.length,
    engines,
    agreed: programs.length - tally.divergent.length,
    divergent: tally.divergent.length,
    timeouts: tally.timeouts,
    notRun: tally.notRun,
    rules,
    divergences,
    timing: { totalMs: Math.round(performance.now() - started), runMs: Math.round(runMs), shrinkMs: Math.round(shrinkMs) },
  };
}

interface Tally {
  readonly divergent: DivergentProgram[];
  /** Rule name to engine to the number of programs whose result it changed. */
  readonly ruleCounts: Map<string, Map<string, number>>;
  readonly timeouts: CampaignReport['timeouts'][number][];
  readonly notRun: CampaignReport['notRun'][number][];
}

/** Compares each program's runs across engines, counting normalisations, timeouts and calls not run. */
function tallyRuns(programs: readonly string[], runs: ProgramRuns, ready: readonly ReadyEngine[], run: WorldFunction, language: InterpreterLanguage): Tally {
  const labels = ready.map((engine) => engine.label);
  const tally: Tally = { divergent: [], ruleCounts: new Map(), timeouts: [], notRun: [] };
  for (const [index, program] of programs.entries()) {
    const call = programCalls(run, [program])[0] as PlannedCall;
    const reports = ready.map((_, e): CallReport => (runs.reports[e] ?? [])[index] ?? { outcome: { kind: 'not-run', reason: 'no report' } });
    const comparison = compareProgram(call, labels, reports, language.rules);
    for (const [e, applied] of comparison.applied.entries()) {
      for (const rule of applied) {
        const counts = tally.ruleCounts.get(rule) ?? new Map<string, number>();
        counts.set(labels[e] as string, (counts.get(labels[e] as string) ?? 0) + 1);
        tally.ruleCounts.set(rule, counts);
      }
    }
    for (const [e, report] of reports.entries()) {
      if (report.outcome.kind === 'timeout') tally.timeouts.push({ program: index, engine: labels[e] as string });
      if (report.outcome.kind === 'not-run') tally.notRun.push({ program: index, engine: labels[e] as string, reason: report.outcome.reason });
    }
    if (comparison.report.divergence !== undefined) tally.divergent.push({ index, program, outcomes: comparison.outcomes });
  }
  return tally;
}

/** The interpreter's own version, as the component reports it (for languages with a version program). */
async function versionOf(language: InterpreterLanguage, engines: readonly ReadyEngine[], run: WorldFunction): Promise<string | undefined> {
  const reference = engines.find((engine) => !isNativeCommand(engine.label));
  if (language.versionProgram === undefined || reference === undefined) return undefined;
  const result = await reference.loaded.run(programCalls(run, [language.versionProgram]), { timeoutMs: 60_000 });
  const outcome = result.calls[0]?.outcome;
  const printed = outcome === undefined ? undefined : resultOf(outcome);
  return printed?.ok === true ? printed.output.trim() : undefined;
}
