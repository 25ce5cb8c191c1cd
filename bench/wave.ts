/**
 * WAVE parse/print throughput against JSON.parse/JSON.stringify on the same data.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/wave.js
 *
 * Two workloads: a list of realistic records (strings, integers, floats,
 * options, variants, enums, flags, nested lists) and one big list<u8>. The JSON
 * side encodes the same data the obvious way (u64 as a number, options as
 * null or the value, cases as {tag, value}). Ratios compare the time to
 * handle the same values, so >= 1 means WAVE is as fast as JSON.
 */
import { parseValue, printValue } from '../src/wave/index.js';
import { NONE, type Value } from '../src/values/value.js';
import { primitive, type WitType } from '../src/wit/types.js';

const entryType: WitType = {
  kind: 'record',
  name: { name: 'entry' },
  fields: [
    { name: 'id', type: primitive.u64 },
    { name: 'name', type: primitive.string },
    { name: 'score', type: primitive.f64 },
    { name: 'ratio', type: primitive.f32 },
    { name: 'count', type: primitive.s32 },
    { name: 'tags', type: { kind: 'list', element: primitive.string } },
    { name: 'ttl', type: { kind: 'option', some: primitive.u32 } },
    {
      name: 'status',
      type: {
        kind: 'variant',
        name: { name: 'status' },
        cases: [{ name: 'active' }, { name: 'suspended', type: primitive.string }, { name: 'deleted', type: primitive.u64 }],
      },
    },
    { name: 'color', type: { kind: 'enum', name: { name: 'color' }, cases: ['red', 'green', 'blue'] } },
    { name: 'perms', type: { kind: 'flags', name: { name: 'perms' }, flags: ['read', 'write', 'exec'] } },
  ],
};
const entriesType: WitType = { kind: 'list', element: entryType };
const bytesType: WitType = { kind: 'list', element: primitive.u8 };

/** A small deterministic PRNG so that runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'café', 'naïve', 'x', 'key/value', 'a "quoted" word', 'tab\there', '🌊 wave'];

function makeEntries(count: number): { wave: Value[]; json: unknown[] } {
  const next = random(42);
  const pick = (): string => WORDS[Math.floor(next() * WORDS.length)] as string;
  const wave: Value[] = [];
  const json: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const id = BigInt(Math.floor(next() * 2 ** 48));
    const name = `${pick()} ${pick()} #${i}`;
    const score = Math.round(next() * 1e6) / 100;
    const ratio = Math.fround(next());
    const countValue = Math.floor(next() * 2 ** 31) - 2 ** 30;
    const tags = Array.from({ length: Math.floor(next() * 4) }, pick);
    const ttl = next() < 0.5 ? undefined : Math.floor(next() * 86400);
    const roll = next();
    const status = roll < 0.6 ? { tag: 'active' } : roll < 0.8 ? { tag: 'suspended', value: pick() } : { tag: 'deleted', value: BigInt(i) };
    const color = ['red', 'green', 'blue'][i % 3] as string;
    const perms = ['read', 'write', 'exec'].filter(() => next() < 0.5);
    wave.push({ id, name, score, ratio, count: countValue, tags, ttl: ttl === undefined ? NONE : { tag: 'some', value: ttl }, status, color, perms });
    json.push({
      id: Number(id),
      name,
      score,
      ratio,
      count: countValue,
      tags,
      ttl: ttl ?? null,
      status: 'value' in status ? { tag: status.tag, value: typeof status.value === 'bigint' ? Number(status.value) : status.value } : status,
      color,
      perms,
    });
  }
  return { wave, json };
}

/** Mean time per run in ms over about `budgetMs`. */
function timeOnce(run: () => unknown, budgetMs: number): number {
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    run();
    iterations++;
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs);
  return elapsed / iterations;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Times `wave` and `json` in alternation, so that load from other processes
 * hits both alike, and returns the median times and the median of the
 * per-round speed ratios (JSON time / WAVE time).
 */
function compare(wave: () => unknown, json: () => unknown, rounds = 9, budgetMs = 150): { wave: number; json: number; ratio: number } {
  for (let i = 0; i < 3; i++) {
    wave();
    json();
  }
  const waveTimes: number[] = [];
  const jsonTimes: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const w = timeOnce(wave, budgetMs);
    const j = timeOnce(json, budgetMs);
    waveTimes.push(w);
    jsonTimes.push(j);
    ratios.push(j / w);
  }
  return { wave: median(waveTimes), json: median(jsonTimes), ratio: median(ratios) };
}

function line(name: string, ms: number, text: string, values: number): string {
  const mbs = Buffer.byteLength(text) / 1e6 / (ms / 1000);
  const vps = values / (ms / 1000);
  return `  ${name.padEnd(16)} ${ms.toFixed(2).padStart(9)} ms  ${mbs.toFixed(1).padStart(7)} MB/s  ${(vps / 1e6).toFixed(3).padStart(8)} M values/s`;
}

function workload(title: string, type: WitType, wave: Value, json: unknown, values: number): { parse: number; print: number } {
  const waveText = printValue(wave, type);
  const jsonText = JSON.stringify(json);
  const parse = compare(() => parseValue(waveText, type), () => JSON.parse(jsonText));
  const print = compare(() => printValue(wave, type), () => JSON.stringify(json));
  console.log(`${title}: WAVE text ${(Buffer.byteLength(waveText) / 1e6).toFixed(2)} MB, JSON text ${(Buffer.byteLength(jsonText) / 1e6).toFixed(2)} MB, ${values} values`);
  console.log(line('WAVE parse', parse.wave, waveText, values));
  console.log(line('JSON.parse', parse.json, jsonText, values));
  console.log(line('WAVE print', print.wave, waveText, values));
  console.log(line('JSON.stringify', print.json, jsonText, values));
  console.log(`  speed vs JSON on the same values (median of rounds): parse ${parse.ratio.toFixed(2)}x, print ${print.ratio.toFixed(2)}x\n`);
  return { parse: parse.ratio, print: print.ratio };
}

const entries = makeEntries(5000);
const records = workload('list<entry> x 5000', entriesType, entries.wave, entries.json, 5000);
const next = random(7);
const bytes = Array.from({ length: 1_000_000 }, () => Math.floor(next() * 256));
const big = workload('list<u8> x 1000000', bytesType, bytes, bytes, bytes.length);
console.log(
  `summary: records parse ${records.parse.toFixed(2)}x / print ${records.print.toFixed(2)}x; ` +
    `bytes parse ${big.parse.toFixed(2)}x / print ${big.print.toFixed(2)}x JSON's speed (aim: >= 0.5x)`,
);
