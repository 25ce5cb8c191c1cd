/**
 * `toMatchRecording` under Vitest (the shared work is in recording.ts): the
 * test file and `-u` come from the matcher's state, the plugin's settings
 * (`hostModule`, `record`…) from what it provides to workers, and the
 * recording the test used goes into its meta, where the plugin's reporter
 * finds the recordings no test used any more (obsolete, like snapshots).
 */
import { inject } from 'vitest';
import type { Divergence } from '../src/divergence/divergence.js';
import { ProxyComponentError } from '../src/errors.js';
import type { ProvidedProxySettings } from '../src/vitest/vitest-types.js';
import type {} from '../src/vitest/vitest-types.js';
import { updateOf } from '../src/vitest/runtime.js';
import { driveRecording, openTestRecording, recordingMessage, type RecordingBody } from './recording.js';

/** The part of Vitest's matcher context used here. */
interface VitestRecordingContext {
  readonly isNot: boolean;
  readonly testPath?: string;
  readonly snapshotState?: unknown;
  readonly task?: { readonly meta: object };
}

export async function toMatchRecording(this: VitestRecordingContext, received: unknown, name: string, body: RecordingBody): Promise<{ pass: boolean; message: () => string }> {
  if (this.isNot) throw new ProxyComponentError('USAGE', 'toMatchRecording cannot be negated: a recording either matches or it is recorded again with -u');
  if (this.testPath === undefined) throw new ProxyComponentError('USAGE', 'toMatchRecording runs inside a test (it keeps its recordings beside the test file)');
  const update = updateOf({ expect: { getState: () => ({ snapshotState: this.snapshotState }) } });
  const { session, displayFile, file } = await openTestRecording(received, name, { testPath: this.testPath, ...(update === undefined ? {} : { update }), configured: configured() });
  const meta = this.task?.meta as { proxyRecordings?: string[]; proxyDivergence?: Divergence } | undefined;
  if (meta !== undefined) meta.proxyRecordings = [...(meta.proxyRecordings ?? []), file];
  const outcome = await driveRecording(session, body);
  if (outcome.failure?.divergence !== undefined && meta !== undefined) meta.proxyDivergence = outcome.failure.divergence;
  const message = recordingMessage(name, displayFile, outcome);
  return { pass: outcome.pass, message: () => message };
}

/** The plugin's settings, without its marker; none outside a project with the plugin. */
function configured(): ProvidedProxySettings {
  let provided: ProvidedProxySettings | undefined;
  try {
    provided = inject('proxyComponent');
  } catch {
    // Outside a Vitest worker: nothing configured.
  }
  const { plugin: _plugin, ...options } = provided ?? {};
  return options;
}
