import { describe, expect, it } from 'vitest';
import type { Divergence } from '../../src/divergence/divergence.js';
import { renderDivergence } from '../../src/divergence/render.js';

const importDivergence: Divergence = {
  kind: 'import-arguments',
  summary: '`example:kv/store.put@0.1.0` was called with another `value` than the trace\'s',
  file: 'traces/words.trace',
  line: 8,
  callIndex: 1,
  path: ['export count-words("poem")', 'import example:kv/store.put@0.1.0("count:poem", "6")'],
  expected: 'example:kv/store.put@0.1.0("count:poem", "6")',
  actual: 'example:kv/store.put@0.1.0("count:poem", "3")',
};

describe('renderDivergence', () => {
  it('says where, what was expected and what happened, without colours when asked', () => {
    expect(renderDivergence(importDivergence, { color: false })).toBe(
      [
        '✗ traces/words.trace:8 export call #2: wrong import arguments',
        "  `example:kv/store.put@0.1.0` was called with another `value` than the trace's",
        '  at export count-words("poem")',
        '    in import example:kv/store.put@0.1.0("count:poem", "6")',
        '  - expected example:kv/store.put@0.1.0("count:poem", "6")',
        '  + actual   example:kv/store.put@0.1.0("count:poem", "3")',
      ].join('\n'),
    );
  });

  it('tells what the trace says of the handles the export call was given, under the export', () => {
    const request: Divergence = {
      kind: 'import-arguments',
      summary: '`wasi:http/types.[method]outgoing-response.set-status-code@0.2.12` was called with a different `status-code` than the trace records',
      file: 'traces/requests.trace',
      line: 70,
      callIndex: 1,
      path: ['export wasi:http/incoming-handler.handle@0.2.12(#17, #18)', 'import wasi:http/types.[method]outgoing-response.set-status-code@0.2.12(#30, 200)'],
      handles: ['#17 {method: post, path-with-query: some("/notes")}'],
    };
    expect(renderDivergence(request, { color: false }).split('\n').slice(2)).toEqual([
      '  at export wasi:http/incoming-handler.handle@0.2.12(#17, #18)',
      '     where #17 {method: post, path-with-query: some("/notes")}',
      '    in import wasi:http/types.[method]outgoing-response.set-status-code@0.2.12(#30, 200)',
    ]);
  });

  it('highlights only the words that differ when coloured', () => {
    const text = renderDivergence(importDivergence, { color: true });
    // eslint-disable-next-line no-control-regex
    const highlighted = [...text.matchAll(/\u001b\[4[12]m\u001b\[30m([^\u001b]*)/g)].map((m) => m[1]);
    expect(highlighted).toEqual(['6', '3']);
  });

  it('shows the type of compared values and works without a file or values', () => {
    const result: Divergence = { kind: 'export-result', summary: '`run` returned 42, the trace expects 41', callIndex: 0, path: ['export run(20)'], expected: '41', actual: '42', type: 'u32' };
    expect(renderDivergence(result, { color: false })).toContain('    (type u32)');
    const timeout: Divergence = { kind: 'timeout', summary: '`spin` did not return within 5 ms: stopped', callIndex: 0, path: ['export spin'] };
    expect(renderDivergence(timeout, { color: false })).toBe('✗ export call #1: timeout\n  `spin` did not return within 5 ms: stopped\n  at export spin');
  });
});
