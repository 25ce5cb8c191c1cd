/**
 * One fuzz campaign of a property matcher: the component fuzzed against its
 * properties, the first failure shrunk, saved to the corpus (src/fuzz/corpus.ts:
 * atomic, one file per distinct failing run) and described as a
 * FuzzCounterexample.
 *
 * Properties given as a module path run like the CLI's `fuzz --host`: in a
 * watched worker, where a call that never returns is stopped after
 * `timeoutMs` and counts as a failure. Properties given as functions cannot
 * leave the test's thread, so they run in it (Vitest only), without a time
 * limit: give a module path for components that may hang.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { loadJcoComponent } from '../src/engines/jco/load.js';
import { ProxyComponentError } from '../src/errors.js';
import type { ValueArbitraryOptions } from '../src/fuzz/arbitrary.js';
import { saveFailure, type SavedFailure } from '../src/fuzz/corpus.js';
import { failureTrace, propertySources, tracePath, type FailurePlaces } from '../src/fuzz/failure-trace.js';
import { fuzz } from '../src/fuzz/fuzz.js';
import { propertiesFrom } from '../src/fuzz/host-module.js';
import type { FuzzProperty } from '../src/fuzz/property.js';
import { fuzzComponentFile } from '../src/fuzz/session.js';
import { formatTrace } from '../src/trace/write.js';
import { describeIoError } from '../src/util/io-error.js';
import { replayInlineCorpus, type StillFailing } from './property-corpus.js';
import { traceCallLines, type FuzzCounterexample } from './property-report.js';

/** What a property matcher takes: how long and how hard to fuzz, against what, and where to keep failures. */
export interface PropertyCampaign {
  /** Runs to try, each a fresh instance and a sequence of export calls. Default 100. */
  readonly runs?: number;
  /**
   * fast-check seed, used as given (a failure's reported seed finds it again).
   * Default: `fc.configureGlobal({ seed })` if set, under Jest Jest's own seed
   * (`jest --seed`), else random; under `vitest --shard` the default is then
   * derived per shard (see shardSeed).
   */
  readonly seed?: number;
  /**
   * User properties, checked after the built-ins: a module path exporting
   * `properties` (as for `proxy-component fuzz --host`; calls run in a watched
   * worker with `timeoutMs`), or the properties themselves, a list of
   * `defineProperty(...)` or checks by name (Vitest only: they run in the
   * test's thread, without a time limit).
   */
  readonly properties?: string | readonly FuzzProperty[] | Readonly<Record<string, FuzzProperty['check']>>;
  /** Check `well-typed` and `no-trap`. Default true. */
  readonly builtInProperties?: boolean;
  /** Folder to save a failure to, as a `.trace` that replays against the property. */
  readonly corpus?: string;
  /** Most export calls in one run. Default 8. */
  readonly maxCalls?: number;
  /** Longest an export call may run, in milliseconds (module properties only). Default 1000. */
  readonly timeoutMs?: number;
  /** Most candidate runs tried while shrinking. Default 2000. */
  readonly maxShrinks?: number;
  /** Longest time spent shrinking, in milliseconds. Default 30 000. */
  readonly maxShrinkMs?: number;
  /** Sizes and edges of generated values. */
  readonly values?: Omit<ValueArbitraryOptions, 'handle'>;
  /**
   * Replay a failure: the fast-check path its message gave, with its `seed`
   * (required) and the same options. The campaign starts at that
   * counterexample and reports it without searching or shrinking further
   * (fast-check's `{ seed, path, endOnFailure: true }`).
   */
  readonly path?: string;
  /** Call only these exports (WAVE call names, as traces write them); an unknown name is a usage error. Default: all. */
  readonly exports?: readonly string[];
}

export interface CampaignOutcome {
  readonly seed: number;
  /** Runs tried (up to the failing one). */
  readonly runs: number;
  readonly failure?: FuzzCounterexample;
  /** A saved failure of the campaign's inline properties that still fails (replayed before fuzzing: see property-corpus.ts). */
  readonly stillFailing?: StillFailing;
}

/** The test a campaign runs in, as the framework tells it (Vitest's matcher state): where inline properties are defined. */
export interface CampaignTest {
  /** Absolute path of the test file. */
  readonly testPath?: string;
  /** The running test's name (`suite > test`). */
  readonly testName?: string;
}

const POSITIVE_INTEGERS = ['runs', 'maxCalls', 'timeoutMs', 'maxShrinks', 'maxShrinkMs'] as const;

/** Fuzzes `component` (a path, as the test names it) with `seed`. */
export async function runCampaign(component: string, campaign: PropertyCampaign, seed: number, matcher: string, test: CampaignTest = {}): Promise<CampaignOutcome> {
  checkCampaign(campaign, matcher);
  const builtIns = campaign.builtInProperties ?? true;
  const { properties } = campaign;
  if (properties === undefined || typeof properties === 'string') return inWorker(component, campaign, seed, builtIns, properties);
  return inThread(component, campaign, seed, builtIns, propertiesFrom(properties, `the \`properties\` of ${matcher}`), test);
}

async function inWorker(component: string, campaign: PropertyCampaign, seed: number, builtIns: boolean, hostModule: string | undefined): Promise<CampaignOutcome> {
  const result = await fuzzComponentFile(component, {
    seed,
    builtInProperties: builtIns,
    ...pick(campaign),
    ...(hostModule === undefined ? {} : { hostModule }),
    ...(campaign.corpus === undefined ? {} : { corpus: campaign.corpus }),
  });
  const { failure } = result;
  if (failure === undefined) return { seed, runs: result.runs };
  const found = { property: failure.property, reason: failure.reason, path: failure.path, traceText: failure.traceText, callCount: failure.calls };
  const counterexample: FuzzCounterexample = {
    ...campaignCounterexample(component, seed, result.shrinks, found, failure.saved),
    ...(failure.timedOut ? { timedOut: true } : {}),
  };
  return { seed, runs: result.runs, failure: counterexample };
}

async function inThread(component: string, campaign: PropertyCampaign, seed: number, builtIns: boolean, properties: readonly FuzzProperty[], test: CampaignTest): Promise<CampaignOutcome> {
  const path = resolve(component);
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read the component ${component}: ${describeIoError(cause)}`, { cause });
  });
  const loaded = await loadJcoComponent(new Uint8Array(bytes));
  const { corpus } = campaign;
  const testFile = test.testPath === undefined ? undefined : resolve(test.testPath);
  // The saved failures of these properties replay here, the one place that has them (see property-corpus.ts).
  if (corpus !== undefined && testFile !== undefined) {
    const stillFailing = await replayInlineCorpus({ corpus, component: path, loaded, properties, testFile });
    if (stillFailing !== undefined) return { seed, runs: 0, stillFailing };
  }
  const report = await fuzz(loaded, { seed, builtInProperties: builtIns, properties, componentName: component, ...pick(campaign) });
  const { failure } = report;
  if (failure === undefined) return { seed, runs: report.runs };
  const places: FailurePlaces =
    corpus === undefined
      ? {}
      : {
          componentPath: tracePath(relative(resolve(corpus), path)),
          ...(testFile === undefined
            ? {}
            : { properties: propertySources(failure.properties, { test: tracePath(relative(resolve(corpus), testFile)), ...(test.testName === undefined ? {} : { testName: test.testName }) }) }),
        };
  const traceText = formatTrace(failureTrace(loaded, failure, { seed, ...places }));
  const exportName = failure.calls[failure.callIndex]?.name ?? 'call';
  const kept = corpus === undefined ? undefined : await saveFailure(corpus, traceText, exportName, failure.property);
  const found = { property: failure.property, reason: failure.reason, path: failure.path, traceText, callCount: failure.calls.length };
  const inline = testFile === undefined ? {} : { inline: { testFile: shown(testFile), ...(test.testName === undefined ? {} : { testName: test.testName }) } };
  return { seed, runs: report.runs, failure: { ...campaignCounterexample(component, seed, report.shrinks, found, kept), ...inline } };
}

/** What a campaign found, wherever it ran. */
interface FoundFailure {
  readonly property: string;
  readonly reason: string;
  readonly path: string;
  /** The shrunk run as a trace. */
  readonly traceText: string;
  readonly callCount: number;
}

function campaignCounterexample(component: string, seed: number, shrinks: number, found: FoundFailure, kept: SavedFailure | undefined): FuzzCounterexample {
  return {
    kind: 'campaign',
    component,
    property: found.property,
    reason: found.reason,
    seed,
    path: found.path,
    runs: firstRun(found.path),
    shrinks,
    calls: traceCallLines(found.traceText),
    callCount: found.callCount,
    ...saved(kept),
  };
}

/** The run that first failed, 1-based: the first segment of the path. */
function firstRun(path: string): number {
  return Number(path.split(':')[0]) + 1;
}

function saved(kept: SavedFailure | undefined): Pick<FuzzCounterexample, 'saved'> {
  if (kept === undefined) return {};
  return { saved: { file: shown(kept.file), duplicate: kept.duplicate } };
}

/** A path as messages show it: relative to the working directory when inside it. */
function shown(path: string): string {
  const near = relative(process.cwd(), path);
  return near === '' || near.startsWith('..') || isAbsolute(near) ? path : near;
}

function pick(campaign: PropertyCampaign) {
  return {
    ...(campaign.runs === undefined ? {} : { runs: campaign.runs }),
    ...(campaign.maxCalls === undefined ? {} : { maxCalls: campaign.maxCalls }),
    ...(campaign.timeoutMs === undefined ? {} : { timeoutMs: campaign.timeoutMs }),
    ...(campaign.maxShrinks === undefined ? {} : { maxShrinks: campaign.maxShrinks }),
    ...(campaign.maxShrinkMs === undefined ? {} : { maxShrinkMs: campaign.maxShrinkMs }),
    ...(campaign.values === undefined ? {} : { values: campaign.values }),
    ...(campaign.path === undefined ? {} : { path: campaign.path }),
    ...(campaign.exports === undefined ? {} : { exports: campaign.exports }),
  };
}

function checkCampaign(campaign: PropertyCampaign, matcher: string): void {
  if (typeof campaign !== 'object' || campaign === null) throw new ProxyComponentError('USAGE', `${matcher} takes an options object ({ runs, seed, properties, corpus, ... }), got ${String(campaign)}`);
  for (const key of POSITIVE_INTEGERS) {
    const value = campaign[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) throw new ProxyComponentError('USAGE', `${matcher}: \`${key}\` must be a positive integer, got ${String(value)}`);
  }
  const { seed, corpus, properties } = campaign;
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new ProxyComponentError('USAGE', `${matcher}: \`seed\` must be an integer, got ${String(seed)}`);
  if (corpus !== undefined && (typeof corpus !== 'string' || corpus === '')) throw new ProxyComponentError('USAGE', `${matcher}: \`corpus\` must be a folder path`);
  if (properties !== undefined && typeof properties !== 'string' && (typeof properties !== 'object' || properties === null)) {
    throw new ProxyComponentError('USAGE', `${matcher}: \`properties\` must be a module path, a list of properties or checks by name`);
  }
  const { path, exports } = campaign;
  if (path !== undefined && (typeof path !== 'string' || !/^\d+(:\d+)*$/.test(path))) {
    throw new ProxyComponentError('USAGE', `${matcher}: \`path\` must be the path a failure was reported with (like '3:0:12'), got ${JSON.stringify(path)}`);
  }
  if (path !== undefined && seed === undefined) throw new ProxyComponentError('USAGE', `${matcher}: \`path\` replays a failure: give the \`seed\` it was found with too`);
  if (exports !== undefined && (!Array.isArray(exports) || exports.length === 0 || !exports.every((name) => typeof name === 'string' && name !== ''))) {
    throw new ProxyComponentError('USAGE', `${matcher}: \`exports\` must be a non-empty list of export names, like ['divide', 'add']`);
  }
}
