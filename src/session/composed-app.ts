/**
 * The app inside a composed component, as a host of the composed component
 * needs it for the traces it saves: its world and hash (build-section.ts),
 * and the app file itself when the build names one that is still there,
 * unchanged, so a saved trace's header can say where it is (`componentPath`,
 * relative to the trace), as the header of a trace `record` saves does.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { nestedApp, type NestedApp } from '../instrument/build-section.js';
import type { World } from '../wit/world.js';

export interface ComposedApp {
  /** The composed component's bytes and world. */
  readonly bytes: Uint8Array;
  readonly world: World;
  readonly app: NestedApp;
  /**
   * The app file (absolute), when the build section names one whose bytes
   * are the nested app's; else why the saved header will name none.
   */
  readonly appFile: { readonly path: string } | { readonly missing: string };
}

/** The app in the composed component read from `path` (its `bytes`, decoded as `world`). */
export async function readComposedApp(path: string, bytes: Uint8Array, world: World): Promise<ComposedApp> {
  const app = nestedApp(bytes, path);
  return { bytes, world, app, appFile: await findAppFile(path, app) };
}

async function findAppFile(composedPath: string, app: NestedApp): Promise<ComposedApp['appFile']> {
  const named = app.build?.appPath;
  if (named === undefined) return { missing: `${composedPath} does not say which file it was instrumented from` };
  const path = resolve(dirname(resolve(composedPath)), named);
  const bytes = await readFile(path).catch(() => undefined);
  if (bytes === undefined) return { missing: `${path}, which ${composedPath} was instrumented from, is not there` };
  const hash = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (hash !== app.hash) return { missing: `${path} has changed since ${composedPath} was instrumented from it` };
  return { path };
}

/** The trace header's `componentPath` for a trace written to `traceFile`: relative to its folder (to the working directory when it goes to stdout, as `record` names it). */
export function componentPathFor(appFile: ComposedApp['appFile'], traceFile: string | undefined): string | undefined {
  if (!('path' in appFile)) return undefined;
  return relative(traceFile === undefined ? process.cwd() : dirname(resolve(traceFile)), appFile.path);
}
