/**
 * Finding engine binaries: first in the tools folders (`$PROXY_COMPONENT_TOOLS`,
 * `./.tools`, the package's own `.tools`; the engines' install hints fill
 * them, as scripts/setup-engines.sh does for contributors), then at fixed system paths, then on PATH.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders holding installed engines, most specific first. */
export function toolsDirectories(): string[] {
  const folders: string[] = [];
  const explicit = process.env['PROXY_COMPONENT_TOOLS'];
  if (explicit !== undefined && explicit !== '') folders.push(resolve(explicit));
  folders.push(resolve('.tools'));
  const root = packageRoot();
  if (root !== undefined) folders.push(join(root, '.tools'));
  return [...new Set(folders)];
}

/** The package's root: the nearest folder above this module with a package.json. */
function packageRoot(): string | undefined {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

export interface ToolSearch {
  /** Paths inside a tools folder. */
  readonly inTools?: readonly string[];
  /** Absolute paths to try (system packages). */
  readonly system?: readonly string[];
  /** Names to look up on PATH. */
  readonly onPath?: readonly string[];
}

/** The first executable the search finds, or undefined. */
export function findTool(search: ToolSearch): string | undefined {
  for (const folder of toolsDirectories()) {
    for (const relative of search.inTools ?? []) {
      const candidate = join(folder, relative);
      if (isExecutable(candidate)) return candidate;
    }
  }
  for (const candidate of search.system ?? []) if (isAbsolute(candidate) && isExecutable(candidate)) return candidate;
  const path = process.env['PATH'] ?? '';
  for (const name of search.onPath ?? []) {
    for (const folder of path.split(delimiter)) {
      if (folder === '') continue;
      const candidate = join(folder, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
