/**
 * `instrument`: a component in, a composed component out that records,
 * replays or fuzzes itself in any component host, or is driven by hand
 * through the host's `proxy-component:dialog/prompt` (dialog mode) (see wire.ts for its shape,
 * worlds.ts for what is virtualized, tracer/ for the logic).
 *
 * The virtualizers are generated core Wasm (exact for every value, no
 * runtime inside); the tracer is our TypeScript in QuickJS, built once.
 * Results are cached on disk by the hash of everything they are made from
 * (the component, the generated virtualizers' WAT and WIT, the tracer
 * component, the tool version); the tracer by its bundle.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { ProxyComponentError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { cacheDirectory } from '../util/cache-dir.js';
import { TOOL_VERSION } from '../version.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import { callNameOf } from '../wit/lookup.js';
import { printWorld } from '../wit/print.js';
import type { World } from '../wit/world.js';
import { type BuildInfo, withBuildSection } from './build-section.js';
import { composeInstrumented } from './compose/wire.js';
import type { HandlesPlan, ModuleResource } from './core/handles-wat.js';
import { virtualizerWat, type CoreFunction } from './core/virtualizer-wat.js';
import type { PlannedResource } from './resources.js';
import type { InstrumentMode, TracerConfig } from './tracer/config.js';
import { worldToJson } from './tracer/world-json.js';
import { tracerComponent } from './tracer-build.js';
import { wasiIo, wasiVersion, type WasiIo } from './wasi-io.js';
import { appFunctionName, copyId, exportsWorld, importsWorld, outerImportsWorld, plannedResource, planVirtualization, ROOT_FUNCS, type VirtualizationPlan } from './worlds.js';

export interface InstrumentOptions {
  readonly mode: InstrumentMode;
  /** Import interfaces that go to the real host instead of being virtualized (as for replay --passthrough). */
  readonly passthrough?: readonly string[];
  /** Record or replay through the host's `proxy:recorder@0.1.0` instead of stdout/stdin. */
  readonly useHostRecorder?: boolean;
  /** The recorded trace's format (record, fuzz). Default `trace`. */
  readonly format?: 'trace' | 'seed';
  /** Fuzz: the seed and how many export calls to make. Default seed 0, 100 calls. */
  readonly fuzz?: { readonly seed?: number; readonly runs?: number };
  /** The app's path relative to the folder the composed component is written to (kept in its build section, for trace headers). */
  readonly appPath?: string;
  /** Skip the on-disk cache (always build). */
  readonly noCache?: boolean;
}

export interface InstrumentResult {
  readonly component: Uint8Array;
  /** The composed component's world, decoded from its binary. */
  readonly world: World;
  /** Imports that pass through to the host although not named, and why. */
  readonly notes: readonly string[];
  readonly cached: boolean;
}

export async function instrumentComponent(app: Uint8Array, options: InstrumentOptions): Promise<InstrumentResult> {
  if (options.useHostRecorder === true && (options.mode === 'fuzz' || options.mode === 'dialog')) {
    throw new ProxyComponentError('USAGE', `--use-host-recorder works in record and replay mode only (${options.mode === 'dialog' ? 'dialog mode goes through the host\'s proxy-component:dialog/prompt, which `run` provides' : 'fuzz mode draws its own values'})`);
  }
  const world = decodeComponentWorld(app);
  const plan = planVirtualization(world, options.mode, options.passthrough ?? [], options.useHostRecorder === true);
  const appHash = createHash('sha256').update(app).digest('hex');
  // Host tracers write nothing themselves: the host records, replays or prompts.
  const wasi = plan.hostRecorder || plan.mode === 'dialog' ? undefined : wasiIo(wasiVersion(world));
  const config = tracerConfig(plan, appHash, options);
  const sources = [importsVirtualizerSource(plan, wasi, config), exportsVirtualizerSource(plan, wasi, config)] as const;
  const outerWit = printWorld(outerImportsWorld(plan, wasi));
  const tracer = await tracerComponent(plan.mode === 'dialog' ? 'host-dialog' : plan.hostRecorder ? (plan.mode === 'record' ? 'host-record' : 'host-replay') : 'guest');
  // Everything the output is made from, so that no change to the generators can be served a stale result.
  const key = createHash('sha256')
    .update(`instrument 1\n${TOOL_VERSION}\n${appHash}\n${createHash('sha256').update(tracer).digest('hex')}\n${outerWit}\n`)
    .update(sources.map((source) => `${source.wit}\n${source.wat}`).join('\n'))
    .digest('hex');
  const cachePath = join(cacheDirectory(), 'instrument', `composed-${key.slice(0, 40)}.wasm`);
  if (options.noCache !== true) {
    const cached = await readFile(cachePath).catch(() => undefined);
    if (cached !== undefined) {
      const component = new Uint8Array(cached);
      return { component: withBuildSection(component, buildInfo(plan, appHash, options)), world: decodeComponentWorld(component), notes: plan.notes, cached: true };
    }
  }
  const [importsVirtualizer, exportsVirtualizer, outerImports] = await Promise.all([
    coreToComponent(sources[0], 'imports virtualizer'),
    coreToComponent(sources[1], 'exports virtualizer'),
    importsOnlyComponent(outerWit),
  ]);
  const component = composeInstrumented(plan, { outerImports, app, tracer, importsVirtualizer, exportsVirtualizer });
  // Our own output is checked like any input: it must decode (which validates the wiring's types).
  const composedWorld = decodeComponentWorld(component);
  if (options.noCache !== true) await writeFileAtomic(cachePath, component);
  // The section is added after the cache: the app's path is no part of what is built.
  return { component: withBuildSection(component, buildInfo(plan, appHash, options)), world: composedWorld, notes: plan.notes, cached: false };
}

function buildInfo(plan: VirtualizationPlan, appHash: string, options: InstrumentOptions): BuildInfo {
  return { version: 1, mode: plan.mode, hostRecorder: plan.hostRecorder, app: `sha256:${appHash}`, ...(options.appPath === undefined ? {} : { appPath: options.appPath }), passthrough: [...plan.passthrough] };
}

/** A virtualizer before encoding: its core module and its world, as text. */
interface VirtualizerSource {
  readonly wat: string;
  readonly wit: string;
  readonly world: string;
}

function tracerConfig(plan: VirtualizationPlan, appHash: string, options: InstrumentOptions): Uint8Array {
  const config: TracerConfig = {
    mode: plan.mode,
    world: worldToJson(plan.world),
    exports: plan.exportFunctions.map(callNameOf),
    imports: plan.importFunctions.map(callNameOf),
    header: { world: 'root:component/root', component: `sha256:${appHash}`, tool: TOOL_VERSION, ...(plan.passthrough.length === 0 ? {} : { passthrough: plan.passthrough }) },
    format: options.format ?? 'trace',
    ...(plan.mode === 'fuzz' ? { fuzz: { seed: options.fuzz?.seed ?? 0, runs: options.fuzz?.runs ?? 100 } } : {}),
  };
  return new TextEncoder().encode(JSON.stringify(config, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}

function importsVirtualizerSource(plan: VirtualizationPlan, wasi: WasiIo | undefined, config: Uint8Array): VirtualizerSource {
  // World-level functions: exported through `pc-guest:root/funcs`, imported (recording) from `$root`, as wit-component names them.
  const functions: CoreFunction[] = plan.importFunctions.map((fn, index) => ({
    index,
    func: fn.function,
    exportName: `${fn.interface === undefined ? ROOT_FUNCS : copyId('pc-guest', fn.itemName)}#${fn.function.name}`,
    ...(plan.mode === 'record' ? { target: { module: fn.interface === undefined ? '$root' : fn.itemName, name: fn.function.name } } : {}),
  }));
  const world = importsWorld(plan, wasi);
  const wat = virtualizerWat({ role: 'imports', functions, config, handles: handlesPlan(plan, 'imports'), ...(wasi === undefined ? {} : { wasi: wasi.names }) });
  return { wat, wit: printWorld(world), world: world.name };
}

/** The interface of the imports virtualizer's copy that declares an imported resource. */
function guestInterface(planned: PlannedResource): string {
  return planned.itemName === undefined ? ROOT_FUNCS : copyId('pc-guest', planned.itemName);
}

/**
 * The resources a virtualizer meets, with their core names: the imports
 * virtualizer defines a copy of each imported one; the exports virtualizer
 * keeps the app's handles of the exported ones (defining wrappers when
 * recording) and borrows the imported ones its exports carry.
 */
function handlesPlan(plan: VirtualizationPlan, role: 'imports' | 'exports'): HandlesPlan {
  const recording = plan.mode === 'record';
  const module = (planned: PlannedResource): ModuleResource | undefined => {
    const base = { index: planned.index, side: planned.side, name: planned.name, lent: planned.inExports };
    if (role === 'imports') return planned.side === 'import' ? { ...base, appInterface: guestInterface(planned), hostInterface: planned.itemName ?? '$root' } : undefined;
    if (planned.side === 'import') return planned.inExports ? { ...base, appInterface: guestInterface(planned) } : undefined;
    return { ...base, appInterface: copyId('pc-app', planned.itemName ?? 'root'), ...(planned.itemName === undefined ? {} : { hostInterface: planned.itemName }) };
  };
  const resources = plan.resources.flatMap((planned) => {
    const found = module(planned);
    return found === undefined ? [] : [found];
  });
  const byIndex = new Map(resources.map((resource) => [resource.index, resource]));
  return {
    role,
    recording,
    resources,
    lookup: (type) => {
      const found = byIndex.get(plannedResource(plan, type.resource).index);
      if (found === undefined) throw new Error(`the ${role} virtualizer does not carry ${type.resource.id}`);
      return found;
    },
  };
}

function exportsVirtualizerSource(plan: VirtualizationPlan, wasi: WasiIo | undefined, config: Uint8Array): VirtualizerSource {
  const recording = plan.mode === 'record';
  const functions: CoreFunction[] = plan.exportFunctions.map((fn, index) => ({
    index,
    func: fn.function,
    ...(recording ? { exportName: fn.interface === undefined ? fn.function.name : `${fn.itemName}#${fn.function.name}` } : {}),
    target: fn.interface === undefined ? { module: '$root', name: appFunctionName(fn.function.name) } : { module: copyId('pc-app', fn.itemName), name: fn.function.name },
  }));
  const readStdin = plan.mode === 'replay' && !plan.hostRecorder;
  const world = exportsWorld(plan, wasi);
  const wat = virtualizerWat({ role: recording ? 'exports-record' : 'exports-drive', functions, config, readStdin, handles: handlesPlan(plan, 'exports'), ...(wasi === undefined ? {} : { wasi: wasi.names }) });
  return { wat, wit: printWorld(world), world: world.name };
}

async function coreToComponent(source: VirtualizerSource, what: string): Promise<Uint8Array> {
  try {
    const core = await parse(source.wat);
    return await componentNew(await componentEmbed({ binary: core, witSource: source.wit, world: source.world }));
  } catch (cause) {
    throw new ProxyComponentError('COMPONENT_DECODE', `cannot build the ${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A component that only imports what the world `imports` in `witSource` imports: its leading sections declare them, encoded by wasm-tools. */
async function importsOnlyComponent(witSource: string): Promise<Uint8Array> {
  try {
    return await componentNew(await componentEmbed({ dummy: true, witSource, world: 'imports' }));
  } catch (cause) {
    throw new ProxyComponentError('COMPONENT_DECODE', `cannot declare the composed component's imports: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
