/**
 * The plugin's own reporter (added by `proxy()`, nothing to configure): after
 * a run, the `toMatchRecording` recordings no test uses any more, as Vitest
 * reports obsolete snapshots. A test file's recordings are judged only when
 * the whole file ran (no `-t`, nothing skipped); under `-u` the obsolete ones
 * of a file that passed are removed.
 */
import { relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { obsoleteRecordings, obsoleteSummary } from '../trace-tests/recordings.js';
import type {} from './vitest-types.js';

export class RecordingsReporter implements Reporter {
  private vitest: Vitest | undefined;
  private obsolete: string[] = [];
  private removed: string[] = [];
  private pending: Promise<void>[] = [];

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.obsolete = [];
    this.removed = [];
    this.pending = [];
  }

  onTestModuleEnd(module: TestModule): void {
    const vitest = this.vitest;
    if (vitest === undefined || vitest.config.testNamePattern !== undefined || module.moduleId.endsWith('.trace')) return;
    const tests = [...module.children.allTests()];
    if (tests.length === 0 || tests.some((test) => test.result().state === 'skipped' || test.result().state === 'pending')) return;
    const used = new Set(tests.flatMap((test) => test.meta().proxyRecordings ?? []));
    const remove = vitest.config.snapshotOptions.updateSnapshot === 'all' && module.state() === 'passed';
    this.pending.push(
      obsoleteRecordings(module.moduleId, used, remove).then((files) => {
        (remove ? this.removed : this.obsolete).push(...files);
      }),
    );
  }

  async onTestRunEnd(): Promise<void> {
    await Promise.all(this.pending);
    const root = this.vitest?.config.root ?? process.cwd();
    const display = (file: string) => relative(root, file);
    const text = [obsoleteSummary(this.obsolete, false, display), obsoleteSummary(this.removed, true, display)].filter((part) => part !== '').join('\n');
    if (text !== '') this.vitest?.logger.log(`\n${text}\n`);
  }
}
