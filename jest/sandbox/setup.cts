/**
 * `proxy-component/jest/matchers/setup` (the preset adds it to
 * `setupFilesAfterEnv`): registers the matchers on Jest's `expect`
 * (`toReplayTrace`, `toReplayTraces`, `toAgreeAcrossEngines`, `toNeverTrap`,
 * `toSatisfyProperties`, `toMatchRecording`), and after each test file that
 * has recordings, reports those no test used any more, as Jest reports
 * obsolete snapshots (removed under `-u`).
 */
import fs = require('node:fs');
import path = require('node:path');
import globals = require('@jest/globals');
import matchers = require('./matchers.cjs');
import recording = require('./recording.cjs');

globals.expect.extend(matchers.jestMatchers);

globals.afterAll(async () => {
  const state = globals.expect.getState() as { testPath?: string; snapshotState?: { _updateSnapshot?: unknown } };
  const testPath = state.testPath;
  // The same folder as src/trace-tests/recordings.ts names (a CommonJS file cannot import it); no folder, no thread.
  if (testPath === undefined || !fs.existsSync(path.join(path.dirname(testPath), '__traces__', path.basename(testPath)))) return;
  const summary = await recording.obsoleteAfterFile(testPath, ranWholeFile(), state.snapshotState?._updateSnapshot === 'all');
  if (summary !== '') process.stderr.write(`\n${summary}\n`);
});

interface CircusBlock {
  readonly children?: readonly (CircusBlock & { readonly type?: string; readonly mode?: string })[];
}

/** Whether every test of the file ran (no -t, no .only, no .skip or .todo): jest-circus's state on the sandbox's global. */
function ranWholeFile(): boolean {
  const realm = globalThis as unknown as Record<symbol, unknown>;
  const key = Object.getOwnPropertySymbols(realm).find((symbol) => symbol.description === 'JEST_STATE_SYMBOL');
  const circus = key === undefined ? undefined : (realm[key] as { testNamePattern?: unknown; hasFocusedTests?: boolean; rootDescribeBlock?: CircusBlock } | undefined);
  if (circus === undefined || circus.testNamePattern !== null || circus.hasFocusedTests === true) return false;
  const skipped = (block: CircusBlock): boolean => (block.children ?? []).some((child) => child.mode === 'skip' || child.mode === 'todo' || skipped(child));
  return circus.rootDescribeBlock !== undefined && !skipped(circus.rootDescribeBlock);
}
