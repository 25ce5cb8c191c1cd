/**
 * `proxy-component/vitest/campaign`: a bindings campaign (src/campaign/) as
 * one Vitest test, for a CI job that watches jco and the engines it runs
 * on: generated components and calls on every engine named, each checked
 * against the truth; the test fails on a confirmed finding, with the report
 * (minimal WIT, WAT, call, every engine's outcome) as its message, and
 * writes each finding as a folder ready to file when `reportDir` is given.
 *
 * ```ts
 * // test/bindings.test.ts
 * import { bindingsCampaign } from 'proxy-component/vitest/campaign';
 *
 * // 160 cases (about 20,000 calls) on jco in process, Node 24 and wasmtime.
 * bindingsCampaign({ count: 160, engines: ['jco', 'node', 'wasmtime'], reportDir: 'findings' });
 * ```
 *
 * The seed is the option's, else `PROXY_COMPONENT_SEED`, else random; the
 * test's name shows it, so a failure runs again with `seed`. An engine that
 * is not installed or cannot run a case is no failure (its cases are counted
 * as not run), unless no engine could run any case.
 */
import { test } from 'vitest';
import type { FunctionKind, StringEncoding } from '../campaign/bindings-case.js';
import { runBindingsCampaign } from '../campaign/campaign.js';
import { writeFindingFiles } from '../campaign/finding-files.js';
import { renderCampaign } from '../campaign/render.js';
import type { BindingsCampaignReport } from '../campaign/report.js';
import type { Engine } from '../engines/engine.js';
import { parseEngineList } from '../engines/registry.js';
import { defaultSeed } from '../fuzz/seed.js';

export interface BindingsCampaignTestOptions {
  /** The test's name; default `bindings campaign, seed <seed>`. */
  readonly name?: string;
  /** Generated cases (components with their calls: about 130 calls each). Default 40. */
  readonly count?: number;
  readonly seed?: number;
  /** Engine names, as `proxy-component engines` lists them, or engines. Default `['jco']`. */
  readonly engines?: readonly (string | Engine)[];
  /** Default all three; jco cannot transpile `compact-utf16` (latin1+utf16), which JS engines then count as not run. */
  readonly encodings?: readonly StringEncoding[];
  /** Default all. */
  readonly kinds?: readonly FunctionKind[];
  /** Cases run as one component on the `batchEngines`. Default 16. */
  readonly batchSize?: number;
  /** Engines given batches of cases (the others run each case alone). Default `['wasmtime']`. */
  readonly batchEngines?: readonly string[];
  /** Longest one call may run on one engine. Default 10 000 ms. */
  readonly callTimeoutMs?: number;
  /** Longest one shrink may take. Default 60 000 ms. */
  readonly shrinkTimeMs?: number;
  /** Write each confirmed finding as a folder here (REPORT.md, WIT, WAT, component, trace). */
  readonly reportDir?: string;
  /** The test's own time limit. Default 30 minutes. */
  readonly timeoutMs?: number;
  /** Told the finished report (figures, findings), to keep or print. */
  readonly onReport?: (report: BindingsCampaignReport) => void;
}

/**
 * Runs the campaign and throws when it found a confirmed failure (the
 * report as the message) or no engine could run any case; else resolves
 * to the report. `bindingsCampaign` is this as a test.
 */
export async function assertBindings(options: BindingsCampaignTestOptions & { readonly seed: number }): Promise<BindingsCampaignReport> {
  const engines = (options.engines ?? ['jco']).map((engine) => (typeof engine === 'string' ? parseEngineList([engine])[0] as Engine : engine));
  const report = await runBindingsCampaign({
    engines,
    count: options.count ?? 40,
    seed: options.seed,
    generator: {
      ...(options.encodings === undefined ? {} : { encodings: options.encodings }),
      ...(options.kinds === undefined ? {} : { kinds: options.kinds }),
    },
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.batchEngines === undefined ? {} : { batchEngines: options.batchEngines }),
    ...(options.callTimeoutMs === undefined ? {} : { timeoutMs: options.callTimeoutMs }),
    ...(options.shrinkTimeMs === undefined ? {} : { shrinkTimeMs: options.shrinkTimeMs }),
  });
  options.onReport?.(report);
  if (options.reportDir !== undefined) await writeFindingFiles(report, options.reportDir);
  if (report.findings.some((finding) => finding.confirmed)) throw new Error(renderCampaign(report));
  if (report.engines.every((engine) => engine.calls === 0)) throw new Error(`no engine could run any case\n${renderCampaign(report)}`);
  return report;
}

/** Declares the campaign as a test of the current file or `describe`. */
export function bindingsCampaign(options: BindingsCampaignTestOptions = {}): void {
  const seed = options.seed ?? defaultSeed();
  test(options.name ?? `bindings campaign, seed ${seed}`, async () => {
    await assertBindings({ ...options, seed });
  }, options.timeoutMs ?? 30 * 60_000);
}
