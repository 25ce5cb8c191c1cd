/** Building the shape components: a core module in WAT, wrapped by wit-component for a world; each built once per test file. */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

/** The component wit-component makes of the core module `wat` for `world` of `witSource`. */
export async function fromWat(wat: string, witSource: string, world: string): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(wat), witSource, world }));
}

/** `build`, run on the first call only. */
export function memoized<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => (built ??= build());
}
