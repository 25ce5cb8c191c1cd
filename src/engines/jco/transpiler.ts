/**
 * Which jco-transpile the jco engines transpile with: the installed one, or
 * the package folder named by `PROXY_COMPONENT_JCO_TRANSPILE`, so that a
 * campaign can run against an older jco (the jco-transpile that
 * `@bytecodealliance/jco@1.28.1` ships, for one) without changing the
 * installed packages. Its version keys the transpile cache and is the jco
 * engines' version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ProxyComponentError } from '../../errors.js';
import { packageVersion } from '../../util/package-version.js';

export const TRANSPILER_VARIABLE = 'PROXY_COMPONENT_JCO_TRANSPILE';
const PACKAGE = '@bytecodealliance/jco-transpile';
const require = createRequire(import.meta.url);

export interface Transpiler {
  /** The package's entry module (its `transpileBytes`), a file path. */
  readonly entry: string;
  readonly version: string;
}

const chosen = new Map<string, Transpiler>();

function fromFolder(folder: string): Transpiler {
  let manifest: { name?: unknown; version?: unknown; exports?: unknown };
  try {
    manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as typeof manifest;
  } catch (cause) {
    throw new ProxyComponentError('USAGE', `${TRANSPILER_VARIABLE}=${folder}: no readable package.json there (name the folder of a ${PACKAGE} package)`, { cause });
  }
  if (manifest.name !== PACKAGE || typeof manifest.version !== 'string') throw new ProxyComponentError('USAGE', `${TRANSPILER_VARIABLE}=${folder}: that folder holds ${String(manifest.name)}, not ${PACKAGE}`);
  return { entry: join(folder, 'dist', 'index.js'), version: manifest.version };
}

export function transpiler(): Transpiler {
  const folder = process.env[TRANSPILER_VARIABLE]?.trim() ?? '';
  let found = chosen.get(folder);
  if (found === undefined) {
    found = folder === '' ? { entry: require.resolve(PACKAGE), version: packageVersion(PACKAGE) } : fromFolder(folder);
    chosen.set(folder, found);
  }
  return found;
}
