import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { lineSourceMap, vlq } from '../../src/trace-tests/source-map.js';
import { decodeLineMap, decodeVlqs } from './source-map-decode.js';

describe('lineSourceMap', () => {
  test.prop([fc.integer({ min: -1_000_000, max: 1_000_000 })])('vlq round-trips any integer', (n) => {
    expect(decodeVlqs(vlq(n))).toEqual([n]);
  });

  test.prop([fc.array(fc.record({ line: fc.integer({ min: 1, max: 5000 }), column: fc.integer({ min: 1, max: 300 }) }), { minLength: 1, maxLength: 50 })])(
    'maps every generated line to its trace position',
    (positions) => {
      const map = lineSourceMap('/p/a.trace', 'text', positions);
      expect(map).toMatchObject({ version: 3, sources: ['/p/a.trace'], sourcesContent: ['text'] });
      expect(decodeLineMap(map.mappings)).toEqual(positions.map(({ line, column }) => [0, line - 1, column - 1]));
    },
  );
});
