/**
 * The settings of traces as tests, declared once: what a user writes in
 * `proxy(options)` (Vitest), in the Jest preset's transformer options, or in
 * the runners' settings (`provide.proxyComponent`,
 * `testEnvironmentOptions.proxyComponent`), all the same object.
 *
 * Each framework adapter normalises it once, at its edge, with
 * `traceTestSettings`: paths become absolute, engine names are checked, and
 * a wrong type is a usage error naming the option where the user wrote it.
 * What comes out is plain JSON, handed as is to generated test modules, worker
 * threads and Jest's sandbox.
 */
import { isAbsolute, resolve } from 'node:path';
import { engineNameList } from '../differential/engine-agreement.js';
import { DEFAULT_CALL_TIMEOUT_MS, type WorkerReplayOptions } from '../engines/jco/worker/replay-worker.js';
import { ProxyComponentError } from '../errors.js';
import type { MatchRule } from '../host/match-rules.js';
import { checkInlineMatchRules } from '../host/matching.js';
import { checkRedactionRules, type RedactionRule } from '../host/redact.js';

/**
 * When traces are recorded during a test run, as Polly.js's modes and Vitest's snapshots:
 * `none` replays only (the default on CI); `missing` records the recordings that do not exist yet
 * (the default elsewhere); `all` records everything again (`vitest -u`, `jest -u`).
 */
export type RecordMode = 'none' | 'missing' | 'all';

export const RECORD_MODES: readonly RecordMode[] = ['none', 'missing', 'all'];

/** The environment variable that sets the record mode for a run (it wins over the `record` option). */
export const RECORD_ENV = 'PROXY_COMPONENT_RECORD';

/** What a user writes (every field optional; paths relative to the project root). */
export interface TraceTestOptions extends WorkerReplayOptions {
  /** The component for traces whose header and folder name none (relative to the project root). */
  readonly component?: string;
  /**
   * Run every trace test on these engines (`jco`, `node`, `bun`, `deno`, `gjs`, `jsc`, `wasmtime`,
   * `native:<module>`): one test per engine and export call, grouped per engine. Imports are
   * answered from the trace on every engine (`passthrough` and `hostModule` do not apply).
   */
  readonly engines?: readonly string[];
  /**
   * The record mode (see RecordMode); `PROXY_COMPONENT_RECORD` overrides it, and `-u` means `all`.
   * Recording needs the real host: `hostModule`, whose default export (or `createHost()`, called for
   * each recording, for a host with state) answers every import.
   */
  readonly record?: RecordMode;
}

/** The same, normalised: plain JSON, absolute paths, defaults applied. */
export interface TraceTestSettings {
  /** The project root every relative path was resolved against. */
  readonly root: string;
  readonly component?: string;
  /** Longest an export call may run, in milliseconds; 0: no limit. */
  readonly timeoutMs: number;
  readonly passthrough: readonly string[];
  readonly hostModule?: string;
  readonly engines?: readonly string[];
  /** As given; the mode of a run comes from `recordMode`, which knows `-u` and the environment. */
  readonly record?: RecordMode;
  /** Matching rules (plain data), or the absolute path of the module exporting them. */
  readonly match?: readonly MatchRule[] | string;
  readonly redact: readonly RedactionRule[];
}

/** Where the options were written, for messages. */
export interface OptionSource {
  readonly root: string;
  /**
   * How the user names the options: `proxy()` (messages say "proxy() option `timeoutMs`"), or, ending
   * in a dot, a path in a configuration (`testEnvironmentOptions.proxyComponent.`: "….proxyComponent.timeoutMs").
   */
  readonly where: string;
}

const KNOWN: ReadonlySet<string> = new Set(['component', 'timeoutMs', 'passthrough', 'hostModule', 'engines', 'record', 'match', 'redact']);

/** Checks and normalises the options (JSON from a config file, or typed from TypeScript: checked alike). */
export function traceTestSettings(options: unknown, source: OptionSource): TraceTestSettings {
  if (options === undefined || options === null) return { root: source.root, timeoutMs: DEFAULT_CALL_TIMEOUT_MS, passthrough: [], redact: [] };
  const whole = source.where.endsWith('.') ? source.where.slice(0, -1) : `${source.where} options`;
  if (typeof options !== 'object' || Array.isArray(options)) throw new ProxyComponentError('USAGE', `${whole}: expected an object, got ${describe(options)}`);
  const raw = options as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key) && raw[key] !== undefined) throw new ProxyComponentError('USAGE', `${whole}: unknown option \`${key}\` (the options: ${[...KNOWN].join(', ')})`);
  }
  const at = (key: string) => (source.where.endsWith('.') ? `${source.where}${key}` : `${source.where} option \`${key}\``);
  const component = optionalPath(raw['component'], at('component'), source.root);
  const hostModule = optionalPath(raw['hostModule'], at('hostModule'), source.root);
  const engines = raw['engines'] === undefined ? undefined : engineList(raw['engines'], at('engines'));
  const record = raw['record'] === undefined ? undefined : recordModeOption(raw['record'], at('record'));
  const given = raw['match'] === undefined ? undefined : checkInlineMatchRules(raw['match'], at('match'));
  const match = typeof given === 'string' ? (isAbsolute(given) ? given : resolve(source.root, given)) : given;
  return {
    root: source.root,
    ...(component === undefined ? {} : { component }),
    timeoutMs: timeoutOption(raw['timeoutMs'], at('timeoutMs')),
    passthrough: stringList(raw['passthrough'], at('passthrough')) ?? [],
    ...(hostModule === undefined ? {} : { hostModule }),
    ...(engines === undefined ? {} : { engines }),
    ...(record === undefined ? {} : { record }),
    ...(match === undefined ? {} : { match }),
    redact: raw['redact'] === undefined ? [] : checkRedactionRules(raw['redact'], at('redact')),
  };
}

/** What the framework's snapshot state says (`-u`: `all`; CI: `none`; else `new`), as Vitest and Jest name it. */
export type SnapshotUpdate = 'all' | 'new' | 'none';

/**
 * The record mode of this run: `-u` (the framework's `all`) wins, then `PROXY_COMPONENT_RECORD`,
 * then the `record` option, then the framework's own default for snapshots (none on CI, else missing).
 */
export function recordMode(settings: Pick<TraceTestSettings, 'record'>, update: SnapshotUpdate | undefined, env: NodeJS.ProcessEnv = process.env): RecordMode {
  if (update === 'all') return 'all';
  const fromEnv = env[RECORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return recordModeOption(fromEnv, RECORD_ENV);
  if (settings.record !== undefined) return settings.record;
  if (update !== undefined) return update === 'none' ? 'none' : 'missing';
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0' ? 'none' : 'missing';
}

function recordModeOption(value: unknown, name: string): RecordMode {
  if (typeof value !== 'string' || !(RECORD_MODES as readonly string[]).includes(value)) throw usage(name, `takes ${RECORD_MODES.join(', ')}, got ${describe(value)}`);
  return value as RecordMode;
}

function timeoutOption(value: unknown, name: string): number {
  if (value === undefined) return DEFAULT_CALL_TIMEOUT_MS;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw usage(name, `takes milliseconds (an integer, 0 for no limit), got ${describe(value)}`);
  return value;
}

function optionalPath(value: unknown, name: string, root: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw usage(name, `takes a path, got ${describe(value)}`);
  return isAbsolute(value) ? value : resolve(root, value);
}

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw usage(name, `takes a list of strings, got ${describe(value)}`);
  return [...(value as string[])];
}

/** The `engines` option: a list of known engine names (`['jco', 'node']`). */
function engineList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw usage(name, `takes a list of engine names (e.g. ["jco", "node"]), got ${describe(value)}`);
  try {
    return engineNameList(value as string[]);
  } catch (error) {
    if (error instanceof ProxyComponentError) throw usage(name, error.message);
    throw error;
  }
}

function usage(name: string, detail: string): ProxyComponentError {
  return new ProxyComponentError('USAGE', `${name} ${detail}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${JSON.stringify(value)})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}
