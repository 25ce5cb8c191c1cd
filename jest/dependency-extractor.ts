/**
 * The preset's dependency extractor: a `.trace` test depends on its component,
 * so that `jest --watch` reruns a component's traces when it is rebuilt (the
 * preset lists `wasm` among the module file extensions so that Jest watches
 * components at all). Other files keep Jest's own extraction; components
 * themselves have no dependencies.
 */
import { basename, dirname, relative, sep } from 'node:path';
import { findComponentSync } from '../src/session/find-component.js';
import { readTraceHeader } from '../src/trace/read.js';

type DefaultExtract = (code: string, filePath: string) => Iterable<string>;

export function extract(code: string, filePath: string, defaultExtract: DefaultExtract): Set<string> {
  if (filePath.endsWith('.wasm')) return new Set();
  if (!filePath.endsWith('.trace')) return new Set(defaultExtract(code, filePath));
  try {
    const component = findComponentSync(filePath, readTraceHeader(code));
    const path = relative(dirname(filePath), component).split(sep).join('/');
    return new Set([path.startsWith('.') ? path : `./${path}`]);
  } catch {
    // A trace without a component found here (the transformer's `component` option names it): nothing to watch.
    return new Set();
  }
}

export function getCacheKey(): string {
  return `proxy-component-dependency-extractor-1:${basename(import.meta.url)}`;
}
