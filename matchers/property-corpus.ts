/**
 * Saved failures of inline properties replay in the test that defined them.
 *
 * `toSatisfyProperties({ properties: { 'adds-up': check }, corpus })` saves a
 * failure whose header names the test file as where `adds-up` is defined
 * (src/trace/model.ts, PropertySource). A test file cannot be imported for its
 * properties alone (importing it registers its tests), so neither the plugin
 * nor `replay` can check `adds-up`; the campaign that defines it can. Before
 * it fuzzes, a campaign with inline properties and a corpus replays every
 * saved failure of that corpus whose inline properties are its own (same test
 * file, every such name among its properties, the same component), in this
 * thread, and fails with the first that still fails: the bug is still there.
 * Once they all pass, it fuzzes as usual.
 */
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Divergence } from '../src/divergence/divergence.js';
import type { JcoComponent } from '../src/engines/jco/load.js';
import type { FuzzProperty } from '../src/fuzz/property.js';
import { replayTrace } from '../src/host/replay.js';
import { readTrace, readTraceHeader } from '../src/trace/read.js';
import type { TraceHeader } from '../src/trace/model.js';

export interface StillFailing {
  /** The saved failure, as messages name it (relative to the working directory). */
  readonly file: string;
  readonly divergence: Divergence;
}

export interface InlineCorpus {
  readonly corpus: string;
  /** Absolute path of the component. */
  readonly component: string;
  readonly loaded: JcoComponent;
  readonly properties: readonly FuzzProperty[];
  /** Absolute path of the test file that defines the properties. */
  readonly testFile: string;
}

/** The first saved failure of the campaign's inline properties that still fails, if any. */
export async function replayInlineCorpus(campaign: InlineCorpus): Promise<StillFailing | undefined> {
  const folder = resolve(campaign.corpus);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.endsWith('.trace')).sort()) {
    const path = join(folder, name);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const file = shown(path);
    const header = readTraceHeader(text, file);
    if (header === undefined || !belongs(header, folder, campaign)) continue;
    const report = await replayTrace(campaign.loaded, readTrace(text, campaign.loaded.world, { file }), { properties: campaign.properties });
    if (report.divergence !== undefined) return { file, divergence: report.divergence };
  }
  return undefined;
}

/** A trace whose inline properties are all this campaign's, defined in its test file, for its component. */
function belongs(header: TraceHeader, folder: string, campaign: InlineCorpus): boolean {
  const inline = Object.entries(header.properties ?? {}).filter(([, source]) => 'test' in source);
  if (inline.length === 0) return false;
  const own = new Set(campaign.properties.map((property) => property.name));
  const ours = inline.every(([name, source]) => 'test' in source && own.has(name) && resolve(folder, source.test) === campaign.testFile);
  const sameComponent = header.componentPath === undefined || resolve(folder, header.componentPath) === campaign.component;
  return ours && sameComponent;
}

function shown(path: string): string {
  const near = relative(process.cwd(), path);
  return near === '' || near.startsWith('..') || isAbsolute(near) ? path : near;
}
