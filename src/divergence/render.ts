/**
 * A divergence as the person who must fix it reads it: where (trace file and
 * line, and the call path from the export down to the import), what the trace
 * expects, what happened, and a word-level diff of the two WAVE values.
 *
 * ```text
 * ✗ traces/words.trace:5 export call #1: wrong export result
 *   `count-words` returned 3, the trace expects 4
 *   at export count-words("doc")
 *   - expected 4
 *   + actual   3
 * ```
 *
 * An export call given resource handles is followed by what its trace tells of
 * them (`where #1 {method: post, path-with-query: some("/a")}`),
 * so that two calls of one export (two HTTP requests) can be told apart.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { diffWordsWithSpace } from 'diff';
import { abbreviate, abbreviateDifference, LINE_LIMIT, MESSAGE_LIMIT } from '../util/abbreviate.js';
import type { Divergence, DivergenceKind } from './divergence.js';

export interface RenderOptions {
  /** Force colours on or off; default: chalk's detection (TTY, NO_COLOR, FORCE_COLOR). */
  readonly color?: boolean;
}

const KIND_TITLES: Record<DivergenceKind, string> = {
  'export-result': 'wrong export result',
  'export-trap': 'unexpected trap',
  'missing-trap': 'missing trap',
  'import-arguments': 'wrong import arguments',
  'unexpected-import': 'unexpected import call',
  'missing-import': 'missing import call',
  'type-error': 'ill-typed value',
  timeout: 'timeout',
  property: 'property does not hold',
  'unexpected-export': 'unexpected export call',
  'missing-export': 'missing export call',
  'resource-handle': 'resource handle mismatch',
};

export function divergenceTitle(kind: DivergenceKind): string {
  return KIND_TITLES[kind];
}

export function renderDivergence(divergence: Divergence, options: RenderOptions = {}): string {
  const c = options.color === undefined ? new Chalk() : new Chalk({ level: options.color ? 1 : 0 });
  const where = divergence.file === undefined ? '' : `${divergence.file}${divergence.line === undefined ? '' : `:${divergence.line}`} `;
  const lines = [
    `${c.red('✗')} ${c.bold(where)}${c.dim(`export call #${divergence.callIndex + 1}:`)} ${c.red(divergenceTitle(divergence.kind))}`,
    `  ${abbreviate(divergence.summary, MESSAGE_LIMIT)}`,
  ];
  divergence.path.forEach((step, depth) => {
    lines.push(`  ${c.dim(depth === 0 ? 'at' : '  '.repeat(depth) + 'in')} ${abbreviate(step, LINE_LIMIT)}`);
    if (depth === 0) for (const handle of divergence.handles ?? []) lines.push(`     ${c.dim('where')} ${abbreviate(handle, LINE_LIMIT)}`);
  });
  if (divergence.expected !== undefined || divergence.actual !== undefined) {
    // Long values are shown where they differ; the divergence's data keeps them whole.
    const [expectedShown, actualShown] = abbreviateDifference([divergence.expected ?? '', divergence.actual ?? '']) as [string, string];
    const [expected, actual] = highlight(expectedShown, actualShown, c);
    if (divergence.expected !== undefined) lines.push(`  ${c.green('- expected')} ${expected}`);
    if (divergence.actual !== undefined) lines.push(`  ${c.red('+ actual  ')} ${actual}`);
    if (divergence.type !== undefined) lines.push(`  ${c.dim(`  (type ${divergence.type})`)}`);
  }
  for (const rule of divergence.rules ?? []) lines.push(`  ${c.dim(`rule applied: ${rule}`)}`);
  return lines.join('\n');
}

/** Marks the words that differ: removed in the expected text, added in the actual one. */
function highlight(expected: string, actual: string, c: ChalkInstance): [string, string] {
  if (c.level === 0) return [expected, actual];
  let left = '';
  let right = '';
  for (const part of diffWordsWithSpace(expected, actual)) {
    if (part.removed) left += c.bgGreen.black(part.value);
    else if (part.added) right += c.bgRed.black(part.value);
    else {
      left += part.value;
      right += part.value;
    }
  }
  return [left, right];
}
