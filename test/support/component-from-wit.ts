/**
 * Components for tests, built in memory from WIT (a dummy core module wrapped
 * by wit-component) or from component WAT. Always from sources, never paths:
 * the WASI shim behind the wasm-tools bindings has no preopened directories.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const built = new Map<string, Promise<Uint8Array>>();

/** The component wit-component makes for `world` of `witSource` (cached per source and world). */
export function componentFromWit(witSource: string, world?: string): Promise<Uint8Array> {
  const key = `${world ?? ''}\n${witSource}`;
  let bytes = built.get(key);
  if (bytes === undefined) {
    bytes = componentEmbed({ dummy: true, witSource, ...(world === undefined ? {} : { world }) }).then((core) => componentNew(core));
    built.set(key, bytes);
  }
  return bytes;
}

/** The component written in `wat` (the component text format). */
export function componentFromWat(wat: string): Promise<Uint8Array> {
  return parse(wat);
}
