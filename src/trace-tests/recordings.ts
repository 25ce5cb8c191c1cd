/**
 * Where `toMatchRecording` keeps a test file's recordings, as `__snapshots__`
 * keeps its snapshots: `__traces__/<test file>/<name>.trace` beside the test
 * file; and which of them no test uses any more (obsolete, as snapshots are).
 */
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const RECORDINGS_FOLDER = '__traces__';

/** The folder of `testPath`'s recordings. */
export function recordingsFolder(testPath: string): string {
  return join(dirname(testPath), RECORDINGS_FOLDER, basename(testPath));
}

/** The file of one recording: its name made safe for every file system. */
export function recordingFile(testPath: string, name: string): string {
  const safe = name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '-').trim();
  return join(recordingsFolder(testPath), `${safe}.trace`);
}

/**
 * The recordings of a test file that none of `used` (absolute paths) is, after a run of the
 * whole file; removed too when `remove` (`-u`).
 */
export async function obsoleteRecordings(testPath: string, used: ReadonlySet<string>, remove: boolean): Promise<string[]> {
  const folder = recordingsFolder(testPath);
  const entries = await readdir(folder).catch(() => [] as string[]);
  const obsolete = entries.filter((entry) => entry.endsWith('.trace') && !used.has(join(folder, entry))).map((entry) => join(folder, entry));
  if (remove) await Promise.all(obsolete.map((file) => rm(file, { force: true })));
  return obsolete.sort();
}

/** What the reporters print after a run, or '' when nothing is obsolete. */
export function obsoleteSummary(files: readonly string[], removed: boolean, display: (file: string) => string): string {
  if (files.length === 0) return '';
  const count = `${files.length} obsolete recording${files.length === 1 ? '' : 's'}`;
  const head = removed ? ` proxy-component: removed ${count}` : ` proxy-component: ${count}, which no test uses (run with -u to remove ${files.length === 1 ? 'it' : 'them'})`;
  return [head, ...files.map((file) => `   ${display(file)}`)].join('\n');
}
