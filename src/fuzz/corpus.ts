/**
 * The corpus: a folder of saved fuzz failures, one `.trace` per distinct
 * failing run, replayable for ever after (`proxy-component replay`, the Vitest
 * plugin). Each file is written atomically and named after the failing export,
 * the property and a hash of the calls, so the same shrunk failure found twice
 * (even from another seed or another build) is saved once.
 */
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeIoError } from '../util/io-error.js';
import { HEADER_PREFIX } from '../trace/write.js';

export interface SavedFailure {
  readonly file: string;
  /** True when the same failing run was already in the corpus (the file was left as it was). */
  readonly duplicate: boolean;
}

/** The body of a trace: everything after its header line, which varies with seed and build. */
function traceBody(traceText: string): string {
  if (!traceText.startsWith(HEADER_PREFIX)) return traceText;
  const newline = traceText.indexOf('\n');
  return newline < 0 ? '' : traceText.slice(newline + 1);
}

/** `<export>-<property>-<hash>.trace`, with the call name reduced to file-name-safe characters. */
export function corpusFileName(traceText: string, exportName: string, property: string): string {
  const hash = createHash('sha256').update(traceBody(traceText)).digest('hex').slice(0, 16);
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'call';
  return `${slug(exportName)}-${slug(property)}-${hash}.trace`;
}

export async function saveFailure(corpus: string, traceText: string, exportName: string, property: string): Promise<SavedFailure> {
  await mkdir(corpus, { recursive: true }).catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot create the corpus folder ${corpus}: ${describeIoError(cause)}`, { cause });
  });
  const file = join(corpus, corpusFileName(traceText, exportName, property));
  const exists = await stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
  if (exists) return { file, duplicate: true };
  await writeFileAtomic(file, traceText);
  return { file, duplicate: false };
}
