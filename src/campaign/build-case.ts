/**
 * A generated case as a component: its core module (case-wat.ts) embedded
 * with its world's WIT and string encoding, and wrapped by wit-component,
 * all through jco's bundled wasm-tools. A case's component depends on its
 * functions and encoding only, so the calls of a shrink reuse it: the last
 * few builds are kept.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { ProxyComponentError } from '../errors.js';
import type { BindingsCase } from './bindings-case.js';
import { caseModuleWat } from './case-wat.js';
import { CASE_WORLD, caseWit } from './wit-text.js';

/** A built case: the sources it was built from and the component. */
export interface BuiltCase {
  readonly wit: string;
  readonly wat: string;
  readonly encoding: BindingsCase['encoding'];
  readonly bytes: Uint8Array;
}

const KEPT = 32;
const recent = new Map<string, Promise<BuiltCase>>();

export function buildCase(source: Pick<BindingsCase, 'functions' | 'encoding'>): Promise<BuiltCase> {
  const wit = caseWit(source);
  const wat = caseModuleWat(source.functions, source.encoding);
  const key = `${source.encoding}\n${wit}\n${wat}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  const built = build(wit, wat, source.encoding);
  recent.set(key, built);
  if (recent.size > KEPT) recent.delete(recent.keys().next().value as string);
  return built;
}

async function build(wit: string, wat: string, encoding: BindingsCase['encoding']): Promise<BuiltCase> {
  try {
    const core = await parse(wat);
    const embedded = await componentEmbed({ binary: core, witSource: wit, world: CASE_WORLD, stringEncoding: encoding });
    return { wit, wat, encoding, bytes: await componentNew(embedded) };
  } catch (error) {
    // The generator made something wasm-tools refuses: a bug of the generator, reported with what it made.
    const message = error instanceof Error ? error.message : String(error);
    throw new ProxyComponentError('WIT_UNSUPPORTED', `wasm-tools refused a generated case: ${message}\n${wit}\n${wat}`, { cause: error });
  }
}
