/**
 * Shared set-up for engine tests: real traces recorded from real components
 * (with jco and a real host), read back as plans, and a check that fails
 * (never skips) when an engine is not installed, saying how to install it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../src/engines/engine.js';
import { recordComponent } from '../../../src/session/record-component.js';
import { readTrace } from '../../../src/trace/read.js';
import type { Trace } from '../../../src/trace/model.js';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { appComponent, appHost } from '../../support/app-component.js';
import { calcComponent } from './components.js';

export interface RecordedFixture {
  readonly folder: string;
  readonly componentPath: string;
  readonly bytes: Uint8Array;
  readonly tracePath: string;
  readonly trace: Trace;
}

export const APP_INVOCATIONS = ['run(20)', 'greet("ada")', 'greet("bob")', 'run(4294967295)', 'crash()'];
const ops = (call: string) => `test:calc/ops.${call}`;
export const CALC_INVOCATIONS = [
  ops('add(1, 2)'),
  ops('next(18446744073709551615)'),
  ops('count()'),
  ops('count()'),
  ops('checked-div(7, 0)'),
  ops('checked-div(7, 2)'),
  ops('nan()'),
  ops('neg-zero()'),
  'crash()',
];

const folders: string[] = [];

async function record(bytes: Uint8Array, name: string, invocations: readonly string[], host?: Record<string, Record<string, unknown>>): Promise<RecordedFixture> {
  const folder = await mkdtemp(join(tmpdir(), `proxy-component-${name}-`));
  folders.push(folder);
  const componentPath = join(folder, `${name}.wasm`);
  await writeFile(componentPath, bytes);
  const tracePath = join(folder, `${name}.trace`);
  await recordComponent(componentPath, { invocations, output: tracePath, ...(host === undefined ? {} : { host }) });
  const trace = readTrace(await readFile(tracePath, 'utf8'), decodeComponentWorld(bytes), { file: tracePath });
  return { folder, componentPath, bytes, tracePath, trace };
}

/** The app component (imports test:app/math) and a trace of it recorded with its real host. */
export async function recordedApp(): Promise<RecordedFixture> {
  return record(await appComponent(), 'app', APP_INVOCATIONS, appHost());
}

/** The calc component (no imports) and a trace of it. */
export async function recordedCalc(): Promise<RecordedFixture> {
  return record(await calcComponent(), 'calc', CALC_INVOCATIONS);
}

export async function removeFixtures(): Promise<void> {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}

/** Fails (does not skip) when the engine is missing: CI installs every engine. */
export async function requireEngine(engine: Engine): Promise<void> {
  const status = await engine.status();
  if (!status.available) throw new Error(`engine ${engine.name} is not installed here: ${status.install}`);
}
