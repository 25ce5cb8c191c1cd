/**
 * Files of ours that must exist as built JavaScript (CommonJS for Jest's
 * sandbox, the bridge thread's script): next to this module when it runs from
 * dist (the installed package), or in dist when it runs from sources (tests).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function builtJestFile(relativePath: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, relativePath);
  if (existsSync(sibling)) return sibling;
  const built = resolve(here, '../dist/jest', relativePath);
  if (existsSync(built)) return built;
  throw new Error(`proxy-component: ${relativePath} is missing (looked for ${sibling} and ${built}): run \`npm run build\``);
}
