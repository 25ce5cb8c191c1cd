/**
 * What a host of a composed component must know of the app inside it, which
 * the composed component's own world does not say: the app's world (a replay
 * build exports only `start`; a record build imports the recorder beside the
 * app's imports), its hash for the trace header, where the app file was, and
 * what the build left to the real host.
 *
 * The app is nested verbatim in the composed component (compose/wire.ts), so
 * its world is decoded from its own bytes, whoever built the composition.
 * `instrument` also writes a custom section, `proxy-component-build`, naming
 * the app by hash (which nested component it is, exactly), its path relative
 * to the composed file, the mode and the pass-through imports. A composition
 * without the section (the original tool's, or one made with `wac`) is read
 * by shape: the app is the one nested component that neither imports nor
 * exports an interface of the instrumenting machinery (`proxy:`,
 * `proxy-component:`, the virtualizers' `pc-guest:`/`pc-app:` copies).
 */
import { createHash } from 'node:crypto';
import { ProxyComponentError } from '../errors.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import type { World } from '../wit/world.js';
import { name, readTopLevel, section, SECTION } from './compose/sections.js';
import type { InstrumentMode } from './tracer/config.js';

export const BUILD_SECTION = 'proxy-component-build';

/** The custom section's content (JSON). */
export interface BuildInfo {
  readonly version: 1;
  readonly mode: InstrumentMode;
  /** Built with `--use-host-recorder`: the host records or replays through `proxy:recorder@0.1.0`. */
  readonly hostRecorder: boolean;
  /** `sha256:<hex>` of the app component, as trace headers name it. */
  readonly app: string;
  /** The app's path relative to the composed file's folder, when it was built from a file. */
  readonly appPath?: string;
  /** Import items the build leaves to the real host (the trace header's `passthrough`). */
  readonly passthrough: readonly string[];
}

/** `composed` with the build section appended (custom sections may come anywhere; engines skip them). */
export function withBuildSection(composed: Uint8Array, info: BuildInfo): Uint8Array {
  const payload = new TextEncoder().encode(JSON.stringify(info));
  const added = section(SECTION.custom, [...name(BUILD_SECTION), ...payload]);
  const out = new Uint8Array(composed.length + added.length);
  out.set(composed, 0);
  out.set(added, composed.length);
  return out;
}

/** The app nested in a composed component. */
export interface NestedApp {
  readonly world: World;
  /** `sha256:<hex>` of its bytes. */
  readonly hash: string;
  /** The build section, when `instrument` wrote one. */
  readonly build?: BuildInfo;
}

const MACHINERY = /^(proxy|proxy-component|pc-guest|pc-app):/;

/**
 * The app nested in the composed component `bytes` (`what` names it in
 * messages). The bytes must already have decoded as a component.
 *
 * @throws ProxyComponentError `USAGE` when no nested component, or more than
 * one, can be the app, or the build section is unreadable or names an app
 * that is not there.
 */
export function nestedApp(bytes: Uint8Array, what: string): NestedApp {
  const top = readTopLevel(bytes);
  const nested = top.sections.filter((s) => s.id === SECTION.component).map((s) => s.content);
  const build = readBuildInfo(top.sections, what);
  const hashOf = (component: Uint8Array) => `sha256:${createHash('sha256').update(component).digest('hex')}`;
  if (build !== undefined) {
    const app = nested.find((component) => hashOf(component) === build.app);
    if (app === undefined) throw new ProxyComponentError('USAGE', `${what} names its app ${build.app} in its ${BUILD_SECTION} section, but nests no component with that hash`);
    return { world: decodeComponentWorld(app), hash: build.app, build };
  }
  const candidates = nested.flatMap((component) => {
    const world = decodeComponentWorld(component);
    const names = [...world.imports.keys(), ...world.exports.keys()];
    // An app exports something; a composition's component that only declares imports does not.
    return world.exports.size === 0 || names.some((item) => MACHINERY.test(item)) ? [] : [{ world, hash: hashOf(component) }];
  });
  const [only] = candidates;
  if (only === undefined || candidates.length > 1) {
    const found = candidates.length === 0 ? 'none of its nested components is' : `${candidates.length} of its nested components could be`;
    throw new ProxyComponentError(
      'USAGE',
      `cannot tell which component ${what} was instrumented from: it has no ${BUILD_SECTION} section (which \`instrument\` writes) and ${found} an app (one that exports something and imports and exports no proxy:, proxy-component:, pc-guest: or pc-app: interface)`,
    );
  }
  return only;
}

function readBuildInfo(sections: ReturnType<typeof readTopLevel>['sections'], what: string): BuildInfo | undefined {
  const expected = name(BUILD_SECTION);
  const found = sections.find((s) => s.id === SECTION.custom && expected.every((byte, i) => s.content[i] === byte));
  if (found === undefined) return undefined;
  let info: unknown;
  try {
    info = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(found.content.subarray(expected.length)));
  } catch (cause) {
    throw new ProxyComponentError('USAGE', `${what} has an unreadable ${BUILD_SECTION} section: ${(cause as Error).message}`, { cause });
  }
  const record = info as Partial<BuildInfo> | null;
  if (
    typeof record !== 'object' || record === null || record.version !== 1 || typeof record.app !== 'string' || !Array.isArray(record.passthrough) ||
    typeof record.hostRecorder !== 'boolean' || typeof record.mode !== 'string' || (record.appPath !== undefined && typeof record.appPath !== 'string')
  ) {
    throw new ProxyComponentError('USAGE', `${what} has a ${BUILD_SECTION} section this version of proxy-component cannot read (version ${JSON.stringify(record?.version)})`);
  }
  return record as BuildInfo;
}
