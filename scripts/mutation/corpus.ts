/**
 * What the mutation campaign mutates: the examples' recorded traces
 * (examples/*\/traces/*.trace, each with the component its header names,
 * built by `npm run build:examples` or here when missing), and small
 * components for the component mutants.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findComponent } from '../../src/session/find-component.js';
import type { Trace } from '../../src/trace/model.js';
import { readTrace, readTraceHeader } from '../../src/trace/read.js';
import { writeSeedTrace } from '../../src/trace/seed-format.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { buildExample, EXAMPLES, exampleDir } from '../build-examples.js';

export interface CorpusTrace {
  /** As messages name it: `calculator-wat/arithmetic.trace`. */
  readonly name: string;
  readonly file: string;
  readonly component: string;
  readonly world: World;
  readonly text: string;
  readonly trace: Trace;
  /** The same calls in the original tool's JSONL, when it can hold them (no traps). */
  readonly seedText?: string;
}

export interface Corpus {
  readonly traces: readonly CorpusTrace[];
  /** The smallest example component, for component mutants, with its traces. */
  readonly smallComponent: { readonly file: string; readonly bytes: Uint8Array; readonly trace: string };
}

export async function loadCorpus(): Promise<Corpus> {
  const traces: CorpusTrace[] = [];
  for (const example of EXAMPLES) {
    await buildExample(example);
    const folder = join(exampleDir(example), 'traces');
    const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.trace')).sort();
    for (const name of names) {
      const file = join(folder, name);
      const text = await readFile(file, 'utf8');
      const component = await findComponent(file, readTraceHeader(text, file));
      const world = decodeComponentWorld(new Uint8Array(await readFile(component)));
      const trace = readTrace(text, world, { file });
      let seedText: string | undefined;
      try {
        seedText = writeSeedTrace(trace);
      } catch {
        // A trace with a trap has no JSONL form.
      }
      traces.push({ name: `${example.name}/${name}`, file, component, world, text, trace, ...(seedText === undefined ? {} : { seedText }) });
    }
  }
  if (traces.length === 0) throw new Error('no example traces: run `npm run build:examples`');
  const calculator = traces.find((trace) => trace.name === 'calculator-wat/arithmetic.trace');
  if (calculator === undefined) throw new Error('the calculator example has no arithmetic.trace');
  return { traces, smallComponent: { file: calculator.component, bytes: new Uint8Array(await readFile(calculator.component)), trace: calculator.file } };
}
