/**
 * Temporary folders that do not outlive the process: each is removed when the
 * work that made it ends, and, should the process be stopped first (Ctrl-C,
 * `kill`), on the way out. signal-exit (which execa uses too, so the two
 * agree on who ends the process) runs the removal on exit and on SIGINT,
 * SIGTERM or SIGHUP, then lets the signal end the process as it would have.
 * A SIGKILL cannot be caught: its folders stay behind, as for any program.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExit } from 'signal-exit';

const live = new Set<string>();
let unsubscribe: (() => void) | undefined;

function removeLive(): void {
  for (const folder of live) {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // Leaving: nothing better to do with a folder that cannot be removed.
    }
  }
  live.clear();
}

/** Runs `work` with a new folder under the system's temporary folder, removed afterwards, however the work or the process ends. */
export async function withTemporaryFolder<T>(prefix: string, work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  live.add(folder);
  unsubscribe ??= onExit(removeLive);
  try {
    return await work(folder);
  } finally {
    live.delete(folder);
    if (live.size === 0) {
      unsubscribe?.();
      unsubscribe = undefined;
    }
    await rm(folder, { recursive: true, force: true });
  }
}
