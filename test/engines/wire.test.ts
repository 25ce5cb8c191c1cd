/**
 * The tagged JSON between processes: Values and jco JS values survive a trip
 * through JSON text, and the driver's plain-JS copy of the codec writes and
 * reads exactly what src/engines/wire.ts does.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { DRIVER_WIRE_JS } from '../../src/engines/subprocess/driver-source.js';
import { fromWire, toWire, type Wire } from '../../src/engines/wire.js';
import { valuesEqual } from '../../src/values/equal.js';
import { fromJco, toJco } from '../../src/values/jco.js';
import { ResourceTable } from '../../src/values/resource-table.js';
import { ResourceHandle, type Value } from '../../src/values/value.js';
import type { WitType } from '../../src/wit/types.js';
import { witTypeArbitrary } from '../support/wit-type-arbitrary.js';

interface DriverCodec {
  __toWire(value: unknown): Wire;
  __fromWire(wire: Wire): unknown;
  __bind(id: number, object: object): void;
}

function driverCodec(): DriverCodec {
  // The driver's codec is plain JS text; evaluate it as the shells do.
  return new Function(`${DRIVER_WIRE_JS}\nreturn { __toWire, __fromWire, __bind };`)() as DriverCodec;
}

const typedValue = witTypeArbitrary().chain((type) => valueArbitrary(type).map((value) => ({ type, value })));

function throughJson(wire: Wire): Wire {
  return JSON.parse(JSON.stringify(wire)) as Wire;
}

describe('wire values', () => {
  test.prop([typedValue], { numRuns: 300 })('a Value comes back equal through JSON text', ({ type, value }) => {
    const back = fromWire(throughJson(toWire(value))) as Value;
    expect(valuesEqual(type, value, back)).toBe(true);
  });

  it('keeps what plain JSON loses', () => {
    const values = [-0, NaN, Infinity, -Infinity, 2n ** 64n - 1n, -(2n ** 63n), undefined, new Float32Array([1.5, NaN]), new BigInt64Array([-1n])];
    const back = fromWire(throughJson(toWire(values))) as unknown[];
    expect(Object.is(back[0], -0)).toBe(true);
    expect(back.slice(1)).toEqual(values.slice(1));
    expect(back[7]).toBeInstanceOf(Float32Array);
    expect(back[8]).toBeInstanceOf(BigInt64Array);
  });

  it('writes resource handles by number', () => {
    expect(toWire([new ResourceHandle(3)])).toEqual([{ $: 'handle', id: 3 }]);
    expect(fromWire({ $: 'handle', id: 3 })).toEqual(new ResourceHandle(3));
  });

  it('refuses what cannot cross', () => {
    expect(() => toWire(() => 1)).toThrow(TypeError);
    expect(() => fromWire({ $: 'nonsense' })).toThrow(/unknown wire tag/);
  });
});

describe("the driver's codec", () => {
  test.prop([typedValue], { numRuns: 300 })('writes the same wire as wire.ts for any jco value, and reads it back', ({ type, value }) => {
    // Arrange: the jco JS value of the Value, resources standing for plain objects
    const table = new ResourceTable(() => ({}));
    const js = toJco(value, type, table);
    const driver = driverCodec();
    const ids = new Map<object, number>();
    for (let id = 1; id <= 8; id++) {
      if (!table.has(id)) continue;
      ids.set(table.objectOf(id), id);
      driver.__bind(id, table.objectOf(id));
    }

    // Act
    const fromTs = toWire(js, { handleOf: (object) => (ids.has(object) ? { id: ids.get(object) as number } : undefined) });
    const fromDriver = driver.__toWire(js);
    const readBack = driver.__fromWire(throughJson(fromDriver));

    // Assert
    expect(fromDriver).toEqual(fromTs);
    expect(valuesEqual(type, value, fromJco(readBack, type as WitType, table))).toBe(true);
  });
});
