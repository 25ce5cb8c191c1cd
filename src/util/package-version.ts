/**
 * The installed version of a dependency, for reports that must say what ran
 * (a bug report upstream names the jco-transpile and preview2-shim it was
 * found with). Read from the package's own package.json, found by walking
 * up from its entry point, since not every package exports its
 * package.json.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** `0.15.0`, or `not installed`. */
export function packageVersion(name: string): string {
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    return 'not installed';
  }
  for (let folder = dirname(entry); folder !== dirname(folder); folder = dirname(folder)) {
    try {
      const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here: look further up
    }
  }
  return 'unknown';
}
