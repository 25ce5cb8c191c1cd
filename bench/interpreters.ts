/**
 * Programs per second per engine, for the interpreter components of
 * examples/interpreters/ (CPython and QuickJS-ng, built by
 * scripts/setup-interpreters.sh): the same generated programs run on each
 * engine alone, one batch after another (no other engine beside it), so
 * that each number is that engine's own throughput, start-up included.
 * The comparison itself is the `interpreters` command's job; this only times.
 *
 *   bash scripts/setup-engines.sh && bash scripts/setup-interpreters.sh
 *   npx tsc -p tsconfig.build.json && node dist/bench/interpreters.js [--programs 200] [--seed 1] [--engines jco,node,...]
 */
import { prepareEngines, runFunction } from '../src/interpreters/campaign-engines.js';
import { campaignPrograms } from '../src/interpreters/campaign.js';
import { loadBuiltComponent } from '../src/interpreters/components.js';
import { programArbitrary } from '../src/interpreters/generate.js';
import { LANGUAGES } from '../src/interpreters/languages.js';
import { runPrograms } from '../src/interpreters/run-programs.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const count = Number(option('programs', '200'));
  const seed = Number(option('seed', '1'));
  const engineNames = option('engines', 'jco,node,bun,gjs,wasmtime,native').split(',');
  console.log(`interpreters bench: ${count} generated programs per language (seed ${seed}), each engine alone, batches of 50`);
  for (const language of Object.values(LANGUAGES)) {
    const component = await loadBuiltComponent(language.componentFile, language.sources);
    const run = runFunction(component);
    const { ready, unavailable } = await prepareEngines(engineNames, language, component, run);
    const programs = campaignPrograms(programArbitrary(), seed, count).map((program) => language.print(program));
    console.log(`${language.name} (${language.interpreter}, ${component.tool}):`);
    for (const engine of ready) {
      const started = performance.now();
      const runs = await runPrograms([engine], run, programs, { timeoutMs: 10_000, concurrency: 1 });
      const seconds = (performance.now() - started) / 1000;
      const failed = (runs.reports[0] ?? []).filter((report) => report.outcome.kind !== 'return').length;
      const note = failed === 0 ? '' : `, ${failed} did not return`;
      console.log(`  ${engine.label.padEnd(9)} ${(count / seconds).toFixed(1).padStart(7)} programs/s  (${seconds.toFixed(1)} s${note})  ${engine.version}`);
    }
    for (const engine of unavailable) console.log(`  ${engine.name.padEnd(9)}  unavailable: ${engine.unavailable ?? ''}`);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
