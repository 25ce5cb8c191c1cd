/**
 * An HTTP handler served live through the real host against the same session
 * replayed in-process, with no network.
 *
 *   npm run bench:http-handler
 *
 * examples/http-handler's handler (Python, componentize-py) is served on
 * jco's HTTP server, recording (as `proxy-component serve --record` does), and
 * sent requests with fetch, one after the other; each reads its body and
 * calls the example's upstream server. The recorded session is then replayed
 * in this thread from its trace text: every import answered and every value
 * compared from the trace, no network.
 *
 * The first 100 requests (after one untimed request, which seeds CPython's
 * randomness) are the comparison asked for: live, from the first request sent
 * to the last answer read, against replay, its 100 export calls (and, apart,
 * with the component's instantiation). Both start cold: a new instance runs
 * jco's generated glue and CPython's Wasm unoptimised until V8 has seen them
 * run, so the session goes on for 300 more requests and the last 100 are
 * timed too, warm, in both modes. Medians of a few rounds.
 *
 * A second row does the same with a handler in WAT whose own work is next to
 * nothing (scripts/http-wat-handler.ts: it reads the request and its body and
 * answers `hello`): what its replay costs is ours and jco's glue, with no
 * CPython in it.
 *
 * Each row also times the replay's floor: the same export calls on a new
 * instance whose imports are answered from a list of the trace's answers, in
 * order, with no matching and no checks. What is left there is the component's
 * own work, jco's glue and the value bridge, which any in-process replay pays:
 * live time over the floor is the most a replay of this handler can gain. The
 * floor is the fastest of a few runs per round, being a least time.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportInvokers } from '../src/engines/jco/export-caller.js';
import { exportLayouts, importLayouts } from '../src/engines/jco/layout.js';
import { loadJcoComponent, type JcoComponent } from '../src/engines/jco/load.js';
import { standInResources, virtualImports, type ImportDispatcher } from '../src/engines/jco/virtual-imports.js';
import { replayTrace } from '../src/host/replay.js';
import { serveComponent } from '../src/session/serve-component.js';
import type { Trace } from '../src/trace/model.js';
import { readTrace } from '../src/trace/read.js';
import { formatTrace } from '../src/trace/write.js';
import { HTTP_HANDLER, buildExample, exampleDir } from '../scripts/build-examples.js';
import { sendRequests, startUpstream, type HttpRequestSpec } from '../scripts/http-requests.js';
import { watHttpHandler } from '../scripts/http-wat-handler.js';

/** Requests per timed window. */
const WINDOW = 100;
/** Requests per session: the first window, then warm-up, then the last window. */
const SESSION = 4 * WINDOW;
const ROUNDS = 3;
/** Runs of the floor per round. */
const FLOOR_RUNS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Requests cycling through the committed trace's kinds (a GET, a POST with a body, a GET without name), each its own path. */
function requests(count: number): HttpRequestSpec[] {
  const kinds = HTTP_HANDLER.traces[0]!.requests;
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length] as HttpRequestSpec;
    return { ...kind, path: `${kind.path}${kind.path.includes('?') ? '&' : '?'}n=${i}` };
  });
}

interface Timings {
  /** The first window of requests, cold. */
  readonly cold: number;
  /** The last window, warm. */
  readonly warm: number;
  /** CPU time of this process (every thread: the servers, the shim's I/O workers) in the last window: what a busy machine does not inflate. */
  readonly warmCpu: number;
}

/** Milliseconds of CPU this process used since `since`. */
function cpuSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function serveLive(component: string, dir: string): Promise<Timings & { readonly trace: Trace }> {
  const upstream = await startUpstream(dir);
  const session = await serveComponent(component, { wasi: { httpHosts: [upstream.authority] } });
  try {
    const all = requests(SESSION);
    await sendRequests(session.url, [{ method: 'GET', path: '/seed' }], upstream.authority);
    const timed = async (batch: readonly HttpRequestSpec[]) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const exchanges = await sendRequests(session.url, batch, upstream.authority);
      if (exchanges.some((exchange) => exchange.status !== 200)) throw new Error('a live request failed');
      return { ms: performance.now() - started, cpu: cpuSince(cpu) };
    };
    const cold = await timed(all.slice(0, WINDOW));
    await timed(all.slice(WINDOW, SESSION - WINDOW));
    const warm = await timed(all.slice(SESSION - WINDOW));
    return { cold: cold.ms, warm: warm.ms, warmCpu: warm.cpu, trace: session.trace() };
  } finally {
    await session.close();
    await upstream.close();
  }
}

async function replay(component: JcoComponent, trace: Trace): Promise<Timings & { readonly instantiation: number }> {
  // Export call i starts at stamps[i]; the replay ends at `ended`.
  const stamps: number[] = [];
  const warmFrom = trace.calls.length - WINDOW;
  let warmCpu: NodeJS.CpuUsage | undefined;
  const started = performance.now();
  const report = await replayTrace(component, trace, {
    onExportCall: (index) => {
      stamps[index] = performance.now();
      if (index === warmFrom) warmCpu = process.cpuUsage();
    },
  });
  const ended = performance.now();
  const cpu = warmCpu === undefined ? 0 : cpuSince(warmCpu);
  if (report.divergence !== undefined || report.matched !== trace.calls.length) throw new Error(`the replay diverged: ${report.divergence?.summary}`);
  const at = (index: number) => stamps[index] ?? ended;
  // Call 0 is the seeding request; the first window is calls 1..WINDOW, the last the final WINDOW calls.
  return { instantiation: at(0) - started, cold: at(1 + WINDOW) - at(1), warm: ended - at(warmFrom), warmCpu: cpu };
}

/** The replay's floor (see the top): the warm window's wall and CPU time with imports answered from a list. */
async function floor(component: JcoComponent, trace: Trace): Promise<{ readonly warm: number; readonly warmCpu: number }> {
  const answers = trace.calls.flatMap((call) => call.imports.map((imported) => imported.outcome));
  let next = 0;
  const answer: ImportDispatcher = {
    call: () => {
      const outcome = answers[next++];
      if (outcome === undefined) throw new Error('the floor ran out of answers');
      if (outcome.kind === 'trap') throw new Error(outcome.message);
      return outcome.value;
    },
  };
  const { resources, use } = standInResources();
  const virtual = virtualImports(importLayouts(component.world, component.importSpecifiers), answer, resources);
  use(virtual.classes);
  const invokers = exportInvokers(await component.instantiate(virtual.imports), exportLayouts(component.world), resources);
  const warmFrom = trace.calls.length - WINDOW;
  let started = 0;
  let cpu = process.cpuUsage();
  trace.calls.forEach((call, index) => {
    if (index === warmFrom) {
      started = performance.now();
      cpu = process.cpuUsage();
    }
    const outcome = invokers.get(call.function.function)?.(call.args);
    if (outcome?.kind !== 'return') throw new Error(`the floor's export call #${index + 1} did not return`);
  });
  return { warm: performance.now() - started, warmCpu: cpuSince(cpu) };
}

interface Row {
  readonly liveCold: number;
  readonly liveWarm: number;
  readonly replayCold: number;
  readonly replayWarm: number;
  readonly instantiation: number;
  readonly liveWarmCpu: number;
  readonly replayWarmCpu: number;
  readonly floorWarm: number;
  readonly floorWarmCpu: number;
  /** Import calls in the first window. */
  readonly imports: number;
}

/** ROUNDS sessions of the handler at `path`, live then replayed; the medians. */
async function measure(path: string, dir: string): Promise<Row> {
  const component = await loadJcoComponent(new Uint8Array(await readFile(path)));
  const live: Timings[] = [];
  const replayed: (Timings & { instantiation: number })[] = [];
  const floors: { warm: number; warmCpu: number }[] = [];
  let imports = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const run = await serveLive(path, dir);
    live.push(run);
    // As `proxy-component replay` reads it: the trace's text, typed by this component's world.
    const trace = readTrace(formatTrace(run.trace), component.world);
    if (trace.calls.length !== SESSION + 1) throw new Error('the live session did not record every request');
    imports = trace.calls.slice(1, 1 + WINDOW).reduce((sum, call) => sum + call.imports.length, 0);
    replayed.push(await replay(component, trace));
    // The floor is a least time: the fastest of a few runs (a collection of the garbage of the live
    // session or of the replay before it lands in some), in wall and CPU time apart.
    const runs: { warm: number; warmCpu: number }[] = [];
    for (let run = 0; run < FLOOR_RUNS; run++) runs.push(await floor(component, trace));
    floors.push({ warm: Math.min(...runs.map((t) => t.warm)), warmCpu: Math.min(...runs.map((t) => t.warmCpu)) });
  }
  return {
    liveCold: median(live.map((t) => t.cold)),
    liveWarm: median(live.map((t) => t.warm)),
    replayCold: median(replayed.map((t) => t.cold)),
    replayWarm: median(replayed.map((t) => t.warm)),
    instantiation: median(replayed.map((t) => t.instantiation)),
    liveWarmCpu: median(live.map((t) => t.warmCpu)),
    replayWarmCpu: median(replayed.map((t) => t.warmCpu)),
    floorWarm: median(floors.map((t) => t.warm)),
    floorWarmCpu: median(floors.map((t) => t.warmCpu)),
    imports,
  };
}

function print(title: string, row: Row): void {
  const line = (label: string, ms: number) => `  ${label.padEnd(70)} ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1000) / WINDOW).toFixed(0).padStart(6)} µs/request`;
  console.log(`\n${title}: ${WINDOW} requests (${row.imports} import calls), median of ${ROUNDS} rounds`);
  console.log(line(`live, first ${WINDOW} requests (fetch, jco's HTTP server, upstream, recording)`, row.liveCold));
  console.log(line(`replay, the same ${WINDOW} export calls in-process, no network`, row.replayCold));
  console.log(line('replay: the instantiation of the component, once per trace', row.instantiation));
  console.log(`  replay is ${(row.liveCold / row.replayCold).toFixed(1)}x faster (${(row.liveCold / (row.replayCold + row.instantiation)).toFixed(1)}x counting the instantiation)`);
  console.log(`warm, requests ${SESSION - WINDOW + 1} to ${SESSION} of the same sessions:`);
  console.log(line(`live, last ${WINDOW} requests`, row.liveWarm));
  console.log(line(`replay, last ${WINDOW} export calls`, row.replayWarm));
  console.log(`  replay is ${(row.liveWarm / row.replayWarm).toFixed(1)}x faster`);
  console.log(line(`CPU time, live, last ${WINDOW} requests (every thread of the process)`, row.liveWarmCpu));
  console.log(line(`CPU time, replay, last ${WINDOW} export calls`, row.replayWarmCpu));
  console.log(`  replay uses ${(row.liveWarmCpu / row.replayWarmCpu).toFixed(1)}x less CPU`);
  console.log(line(`floor: the last ${WINDOW} export calls, imports answered from a list, unchecked`, row.floorWarm));
  console.log(line(`CPU time, floor`, row.floorWarmCpu));
  console.log(`  the most a replay can gain here: ${(row.liveWarm / row.floorWarm).toFixed(1)}x (${(row.liveWarmCpu / row.floorWarmCpu).toFixed(1)}x in CPU)`);
}

async function main(): Promise<void> {
  await buildExample(HTTP_HANDLER, { log: (line) => console.log(line) });
  const dir = exampleDir(HTTP_HANDLER);
  const folder = await mkdtemp(join(tmpdir(), 'pc-bench-http-'));
  try {
    const wat = join(folder, 'wat-handler.wasm');
    await writeFile(wat, await watHttpHandler());
    print('examples/http-handler (Python, componentize-py)', await measure(join(dir, HTTP_HANDLER.main.output), dir));
    print('a WAT handler doing next to nothing (scripts/http-wat-handler.ts)', await measure(wat, dir));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
