/** `proxy-component diff <component> [<other-build>...] --engines a,b,c (--trace FILE... | --fuzz N [--seed S])` */
import { basename, relative } from 'node:path';
import { ProxyComponentError } from '../../errors.js';
import { fuzzPlan } from '../../differential/fuzz-plan.js';
import { defaultSeed } from '../../fuzz/seed.js';
import type { DifferentialReport } from '../../differential/report.js';
import { renderDifferential, whoCouldRun } from '../../differential/render.js';
import { traceTruth, type CallTruth } from '../../differential/compare.js';
import { checkSameFunctions, diffCalls, loadTargets, type DiffTarget } from '../../differential/run.js';
import type { ComponentInput, Engine, PlannedCall } from '../../engines/engine.js';
import { parseEngineList } from '../../engines/registry.js';
import { readTrace } from '../../trace/read.js';
import { readTraceFile, requireCalls } from '../../trace/trace-file.js';
import { readComponentFile } from '../../util/component-file.js';
import type { World } from '../../wit/world.js';
import type { CommandSpec } from '../command.js';
import { integerOption, seedOption } from '../option-values.js';
import { differentialExitCode } from '../exit-code.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';

interface DiffOptions {
  readonly engines: string;
  readonly trace?: string[];
  readonly fuzz?: string;
  readonly seed?: string;
  readonly timeout: string;
  readonly json?: boolean;
}

export const diffCommand: CommandSpec<DiffOptions> = {
  name: 'diff',
  summary: 'run the same calls on several engines (or builds) and name the one that differs',
  help: [
    'Engines: jco (in this process, default), node, bun, deno, gjs, jsc, wasmtime, native:<module.js>.',
    'See `proxy-component engines` for what is installed, and how to install the rest.',
    '',
    'Examples:',
    '  proxy-component diff app.wasm --engines jco,node,gjs,jsc --trace traces/*.trace',
    '  proxy-component diff app.wasm rebuilt.wasm --engines jco --trace app.trace',
    '  proxy-component diff gcc.wasm clang.wasm o3.wasm --trace app.trace',
    '  proxy-component diff calc.wasm --engines jco,deno,wasmtime --fuzz 200 --seed 7   (three or more: the majority names the odd one)',
    '',
    'Who is named where they differ: with --trace, the engines (or builds) that differ from the trace, whose',
    'outcomes and import calls are the truth, however many they are; with --fuzz, those outside the majority.',
    '',
    'An engine that cannot run the component (not installed, a feature it lacks) is listed with its reason,',
    'and the verdict is among the engines that ran.',
    '',
    'Exit codes: 0 the engines that ran agree, 1 a divergence between engines that ran (report printed),',
    '2 fewer than two engines could run it, or bad input.',
  ].join('\n'),
  arguments: [
    { syntax: '<component>', description: 'the component (.wasm)' },
    { syntax: '[others...]', description: 'other builds of the same world, run on the same engines' },
  ],
  options: [
    { flags: '--engines <names>', description: 'engines, comma-separated (jco,node,gjs)', defaultValue: 'jco' },
    { flags: '--trace <file...>', description: 'trace files whose export calls (and import answers) to run' },
    { flags: '--fuzz <count>', description: 'generate this many export calls (and their import answers) from the WIT types instead, as `fuzz` does' },
    { flags: '--seed <n>', description: 'seed for --fuzz (default: PROXY_COMPONENT_SEED if set, else random; printed)' },
    { flags: '--timeout <ms>', description: 'longest an export call may run on one engine', defaultValue: '10000' },
    { flags: '--json', description: 'print the reports as JSON' },
  ],
  async run([component, others], options, io) {
    const engines = parseEngineList([options.engines]);
    const builds: Build[] = [];
    for (const path of [component as string, ...((others as string[] | undefined) ?? [])]) builds.push(await readComponent(path));
    const targets = diffTargets(engines, builds);
    if (targets.length < 2) throw new ProxyComponentError('USAGE', 'nothing to compare: name two or more engines (--engines jco,node) or give a second build');
    const timeoutMs = integerOption(options.timeout, '--timeout', 1);
    const world = decodeComponentWorld((builds[0] as Build).bytes);
    for (const [i, build] of builds.entries()) if (i > 0) checkSameFunctions(world, decodeComponentWorld(build.bytes), targetName(engines, builds, i));
    const loaded = await loadTargets(targets);
    const reports: DifferentialReport[] = [];
    for (const plan of await plans(world, builds[0] as Build, timeoutMs, options, io.stderr)) {
      reports.push(await diffCalls(loaded, plan.calls, { timeoutMs, ...(plan.file === undefined ? {} : { file: plan.file }), ...(plan.truth === undefined ? {} : { truth: plan.truth }) }));
    }
    if (options.json === true) io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
    else for (const report of reports) io.stdout(`${renderDifferential(report)}\n`);
    // A check that could not be made is an error (exit 2): say so where errors go, not only in the report.
    for (const report of reports.filter((each) => each.verdict === 'too-few-engines')) {
      io.stderr(`error: ${report.file ?? 'the generated calls'}: nothing compared: ${whoCouldRun(report)} (${report.couldNotRun.map((notRun) => notRun.engine).join(', ')}: see the report)\n`);
    }
    return differentialExitCode(reports.map((report) => report.verdict));
  },
};

interface Build extends ComponentInput {
  readonly path: string;
}

async function readComponent(path: string): Promise<Build> {
  return { path, bytes: await readComponentFile(path) };
}

/** Every engine on every build; labels say the build only when there are several. */
function diffTargets(engines: readonly Engine[], builds: readonly Build[]): DiffTarget[] {
  const buildNames = buildNamesOf(builds);
  return builds.flatMap((build, i) =>
    engines.map((engine) => ({ label: builds.length === 1 ? engine.name : `${engine.name}:${buildNames[i] ?? ''}`, engine, component: build })),
  );
}

/** How build `i` is named in messages: as its first engine's target (`jco:app-v2.wasm`). */
function targetName(engines: readonly Engine[], builds: readonly Build[], i: number): string {
  return `${(engines[0] as Engine).name}:${buildNamesOf(builds)[i] ?? ''}`;
}

function buildNamesOf(builds: readonly Build[]): string[] {
  const names = builds.map((build) => basename(build.path));
  return new Set(names).size === names.length ? names : builds.map((build) => relative(process.cwd(), build.path));
}

/** The calls to run, from a trace (whose outcomes and import calls are the truth the divergence is judged by) or generated. */
async function plans(world: World, first: Build, timeoutMs: number, options: DiffOptions, warn: (text: string) => void): Promise<{ file?: string; calls: readonly PlannedCall[]; truth?: readonly (CallTruth | undefined)[] }[]> {
  const traces = options.trace ?? [];
  if (traces.length > 0 && options.fuzz !== undefined) throw new ProxyComponentError('USAGE', 'give either --trace or --fuzz, not both');
  if (traces.length > 0) {
    const read: { file: string; calls: readonly PlannedCall[]; truth: readonly (CallTruth | undefined)[] }[] = [];
    for (const file of traces) {
      const text = await readTraceFile(file);
      const { calls } = requireCalls(readTrace(text, world, { file }), text, file);
      read.push({ file, calls, truth: traceTruth(calls) });
    }
    return read;
  }
  if (options.fuzz === undefined) throw new ProxyComponentError('USAGE', 'give the calls to run: --trace FILE... or --fuzz N');
  const count = integerOption(options.fuzz, '--fuzz', 1);
  const seed = options.seed === undefined ? defaultSeed() : seedOption(options.seed);
  if (options.seed === undefined) warn(`fuzz seed ${seed} (repeat with --seed ${seed})\n`);
  // Planned on the first build in this process, with the fuzzer's handle model: the engines then run the same calls.
  const calls = await fuzzPlan(first.bytes, { count, seed, componentName: first.path, timeoutMs });
  // Named by how to repeat it, in place of a trace file.
  return [{ file: `--fuzz ${count} --seed ${seed}`, calls }];
}
