/**
 * WIT source for a large world, to measure decoding speed: `count` interfaces,
 * each with a record, a variant, an enum, flags, a resource and `functions`
 * functions. Interfaces come in chains of ten, each using the previous one's
 * types (longer chains make wit-component itself very slow); the first half is
 * imported, the second half exported.
 */
export function largeWit(count: number, functions: number): string {
  const interfaces: string[] = [];
  for (let i = 0; i < count; i++) {
    const chained = i % 10 !== 0;
    const uses = chained ? `use iface${i - 1}.{rec${i - 1}, res${i - 1}};` : '';
    const previous = chained ? `rec${i - 1}` : 'u32';
    const funcs = Array.from(
      { length: functions },
      (_, f) => `f${f}: func(a: rec${i}, b: list<var${i}>, c: option<${previous}>, d: borrow<res${i}>) -> result<tuple<en${i}, fl${i}>, string>;`,
    );
    interfaces.push(`interface iface${i} {
  ${uses}
  record rec${i} { a: u32, b: string, c: list<u8>, d: option<u64> }
  variant var${i} { none, some(rec${i}), many(list<rec${i}>) }
  enum en${i} { a, b, c, d }
  flags fl${i} { x, y, z }
  resource res${i} { constructor(x: u32); get: func() -> rec${i}; make: static func() -> res${i}; }
  ${funcs.join('\n  ')}
}`);
  }
  const half = Math.floor(count / 2);
  const items = Array.from({ length: count }, (_, i) => `${i < half ? 'import' : 'export'} iface${i};`);
  return `package bench:large@1.0.0;\n${interfaces.join('\n')}\nworld large {\n  ${items.join('\n  ')}\n}\n`;
}
