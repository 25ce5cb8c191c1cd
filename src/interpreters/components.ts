/**
 * The interpreter components that scripts/setup-interpreters.sh builds into
 * examples/interpreters/build/: where they are, and whether they are current.
 * A component is current when its stamp (`<component>.source-sha256`: the
 * hash, then the tool line) holds the hash of today's sources with that tool,
 * computed here exactly as the script computes it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProxyComponentError } from '../errors.js';

export const SETUP_COMMAND = 'bash scripts/setup-interpreters.sh';

/** The repository's examples/interpreters folder (from src or from dist). */
export function interpretersExampleDir(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(folder, 'examples', 'interpreters');
    if (existsSync(join(candidate, 'wit', 'interpreter.wit'))) return candidate;
    const parent = dirname(folder);
    if (parent === folder) throw new ProxyComponentError('IO', 'cannot find examples/interpreters above this module');
    folder = parent;
  }
}

/** sha256 of the recipe line, the tool line and each source (its path, a NUL, its bytes), in order. */
export function sourceHash(exampleDir: string, tool: string, sources: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(`proxy-component interpreter recipe 1\n${tool}\n`);
  for (const source of sources) {
    hash.update(`${source}\0`);
    hash.update(readFileSync(join(exampleDir, source)));
  }
  return hash.digest('hex');
}

export interface BuiltComponent {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** The tool that built it, from the stamp (`componentize-py 0.25.1`). */
  readonly tool: string;
}

/** Reads a built component, refusing a missing or stale one with the command that builds it. */
export async function loadBuiltComponent(file: string, sources: readonly string[], exampleDir = interpretersExampleDir()): Promise<BuiltComponent> {
  const path = join(exampleDir, 'build', file);
  const stampFile = `${path}.source-sha256`;
  if (!existsSync(path) || !existsSync(stampFile)) {
    throw new ProxyComponentError('IO', `the interpreter component ${path} is not built: run \`${SETUP_COMMAND}\``);
  }
  const [hash = '', tool = ''] = readFileSync(stampFile, 'utf8').split('\n');
  if (sourceHash(exampleDir, tool, sources) !== hash) {
    throw new ProxyComponentError('IO', `the interpreter component ${path} is older than its sources: run \`${SETUP_COMMAND}\``);
  }
  return { path, bytes: new Uint8Array(await readFile(path)), tool };
}
