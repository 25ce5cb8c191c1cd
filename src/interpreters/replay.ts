/**
 * Replaying a campaign's corpus: each saved divergence's program (the
 * `run(...)` call of its trace) run again on every engine and the native
 * interpreter and compared the same way, so that a divergence found once is
 * a test for ever after: it says whether the engines still differ on it, and
 * whether a known difference still explains it.
 *
 * (`proxy-component replay <trace>` checks the other half: that the
 * component still returns what it returned when the divergence was saved.)
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import { readTrace } from '../trace/read.js';
import { readTraceFile, requireCalls } from '../trace/trace-file.js';
import { describeIoError } from '../util/io-error.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import type { World, WorldFunction } from '../wit/world.js';
import { prepareEngines, runFunction } from './campaign-engines.js';
import { loadBuiltComponent, type BuiltComponent } from './components.js';
import { examineProgram } from './examine.js';
import type { InterpreterLanguage } from './languages.js';
import type { CampaignEngine, CampaignSide } from './report.js';

export interface ReplayCorpusOptions {
  readonly language: InterpreterLanguage;
  readonly engines: readonly string[];
  /** Trace files, or folders of them (their `.trace` files, not recursively). */
  readonly paths: readonly string[];
  readonly timeoutMs?: number;
  readonly component?: BuiltComponent;
}

export interface ReplayedProgram {
  readonly file: string;
  readonly program: string;
  /** The majority vote's verdict; undefined when the engines now agree. */
  readonly verdict?: string;
  readonly sides: readonly CampaignSide[];
  readonly normalised: { readonly [engine: string]: readonly string[] };
  readonly explanation?: { readonly name: string; readonly text: string };
}

export interface CorpusReplay {
  readonly language: string;
  readonly engines: readonly CampaignEngine[];
  readonly programs: readonly ReplayedProgram[];
}

async function traceFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((cause: unknown) => {
      throw new ProxyComponentError('IO', `cannot read ${path}: ${describeIoError(cause)}`, { cause });
    });
    if (!info.isDirectory()) files.push(path);
    else files.push(...(await readdir(path)).filter((name) => name.endsWith('.trace')).sort().map((name) => join(path, name)));
  }
  return files;
}

/** The programs of a trace: the string argument of each `run` call. */
export async function tracePrograms(file: string, world: World, run: WorldFunction): Promise<string[]> {
  const text = await readTraceFile(file);
  const trace = requireCalls(readTrace(text, world, { file }), text, file);
  return trace.calls.flatMap((call) => (call.name === run.function.name && typeof call.args[0] === 'string' ? [call.args[0]] : []));
}

export async function replayCorpus(options: ReplayCorpusOptions): Promise<CorpusReplay> {
  const { language } = options;
  const component = options.component ?? (await loadBuiltComponent(language.componentFile, language.sources));
  const run = runFunction(component);
  const world = decodeComponentWorld(component.bytes);
  const files = await traceFiles(options.paths);
  if (files.length === 0) throw new ProxyComponentError('USAGE', `no .trace file in ${options.paths.join(', ')}`);
  const { ready, unavailable } = await prepareEngines(options.engines, language, component, run);
  if (ready.length < 2) throw new ProxyComponentError('USAGE', `a replay needs two engines that run the component; available: ${ready.map((e) => e.label).join(', ') || 'none'}`);
  const programs: ReplayedProgram[] = [];
  for (const file of files) {
    for (const program of await tracePrograms(file, world, run)) {
      const examined = await examineProgram(program, ready, run, language, options.timeoutMs ?? 10_000);
      programs.push({
        file,
        program,
        ...(examined.verdict === undefined ? {} : { verdict: examined.verdict }),
        sides: examined.sides.map(({ engines, outcome }) => ({ engines, outcome })),
        normalised: examined.normalised,
        ...(examined.explanation === undefined ? {} : { explanation: { name: examined.explanation.name, text: examined.explanation.explanation } }),
      });
    }
  }
  return { language: language.name, engines: [...ready.map((engine) => ({ name: engine.label, version: engine.version })), ...unavailable], programs };
}
