/**
 * A generated case as a component: its core module (case-wat.ts) embedded
 * with its world's WIT and string encoding, and wrapped by wit-component,
 * all through jco's bundled wasm-tools; with a `composed-resource`, also the
 * provider (composed-wat.ts), composed with it into one component. A case's component depends on its
 * functions and encoding only, so the calls of a shrink reuse it: the last
 * few builds are kept.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { ProxyComponentError } from '../errors.js';
import { interfaceOf, OuterBuilder, type Ref } from '../instrument/compose/outer.js';
import type { BindingsCase } from './bindings-case.js';
import { caseModuleWat } from './case-wat.js';
import { providerModuleWat } from './composed-wat.js';
import { CASE_PACKAGE, CASE_WORLD, caseWit, OUTER_WORLD, PROVIDER_INTERFACE, PROVIDER_WORLD } from './wit-text.js';

/** A built case: the sources it was built from and the component. */
export interface BuiltCase {
  readonly wit: string;
  /** The (consuming) component's core module. */
  readonly wat: string;
  /** For a composed case: the provider component's core module (world `provider` of the same WIT). */
  readonly providerWat?: string;
  readonly encoding: BindingsCase['encoding'];
  readonly bytes: Uint8Array;
}

const KEPT = 32;
const recent = new Map<string, Promise<BuiltCase>>();

export function buildCase(source: Pick<BindingsCase, 'functions' | 'encoding'>): Promise<BuiltCase> {
  const wit = caseWit(source);
  const wat = caseModuleWat(source.functions, source.encoding);
  const providerWat = providerModuleWat(source.functions);
  const key = `${source.encoding}\n${wit}\n${wat}\n${providerWat ?? ''}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  const built = build(wit, wat, providerWat, source.encoding);
  recent.set(key, built);
  if (recent.size > KEPT) recent.delete(recent.keys().next().value as string);
  return built;
}

async function component(wit: string, wat: string, world: string, encoding: BindingsCase['encoding']): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(wat), witSource: wit, world, stringEncoding: encoding }));
}

/**
 * The consumer instantiated with the provider's `prov`, every other import
 * from the outside (world `outer`), every export of the consumer exported:
 * what `wac plug` makes, with src/instrument's composition.
 */
async function composed(wit: string, consumer: Uint8Array, provider: Uint8Array): Promise<Uint8Array> {
  const imports = await componentNew(await componentEmbed({ dummy: true, witSource: wit, world: OUTER_WORLD }));
  const outer = new OuterBuilder(imports);
  const prov = `${CASE_PACKAGE}/${PROVIDER_INTERFACE}`;
  const providing = outer.instantiate(outer.component(provider), new Map());
  const supplied = new Map(outer.imports);
  supplied.set(prov, outer.alias(providing, prov, 'instance'));
  const args = new Map<string, Ref>();
  for (const item of interfaceOf(consumer).imports) {
    const ref = supplied.get(item.name);
    if (ref === undefined) throw new Error(`nothing supplies ${item.name} to the consumer`);
    args.set(item.name, ref);
  }
  const consuming = outer.instantiate(outer.component(consumer), args);
  for (const item of interfaceOf(consumer).exports) outer.export(item.name, outer.alias(consuming, item.name, item.sort));
  return outer.finish();
}

async function build(wit: string, wat: string, providerWat: string | undefined, encoding: BindingsCase['encoding']): Promise<BuiltCase> {
  try {
    const consumer = await component(wit, wat, CASE_WORLD, encoding);
    if (providerWat === undefined) return { wit, wat, encoding, bytes: consumer };
    const bytes = await composed(wit, consumer, await component(wit, providerWat, PROVIDER_WORLD, encoding));
    return { wit, wat, providerWat, encoding, bytes };
  } catch (error) {
    // The generator made something wasm-tools refuses: a bug of the generator, reported with what it made.
    const message = error instanceof Error ? error.message : String(error);
    throw new ProxyComponentError('WIT_UNSUPPORTED', `wasm-tools refused a generated case: ${message}\n${wit}\n${wat}`, { cause: error });
  }
}
