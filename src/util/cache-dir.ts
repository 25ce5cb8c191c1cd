/** Where proxy-component keeps derived files (transpiled components): never needed, always rebuildable. */
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** `$PROXY_COMPONENT_CACHE`, else `$XDG_CACHE_HOME/proxy-component`, else `~/.cache/proxy-component`. */
export function cacheDirectory(): string {
  const explicit = process.env['PROXY_COMPONENT_CACHE'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const xdg = process.env['XDG_CACHE_HOME'];
  if (xdg !== undefined && xdg !== '') return join(xdg, 'proxy-component');
  const home = homedir();
  return home === '' ? join(tmpdir(), 'proxy-component-cache') : join(home, '.cache', 'proxy-component');
}
