/**
 * The two WIT readers agree: a world read from WIT text and the same world read
 * back from a component built from that text print the same WIT. (wit-component
 * keeps only the types an imported interface's functions use, in first-use
 * order, so the source declares its types that way.)
 */
import { expect, it, suite } from 'vitest';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { parseWit, selectWorld } from '../../src/wit/load.js';
import { printFunctionSignature, printInterface } from '../../src/wit/print.js';
import type { World, WorldItem } from '../../src/wit/world.js';
import { componentFromWit } from '../support/component-from-wit.js';

const SOURCES: Record<string, string> = {
  'records, variants, enums, flags and results across interfaces': `package acme:shop@1.2.0;

interface types {
  record item {
    sku: string,
    quantity: u32,
    note: option<string>,
  }

  variant failure {
    out-of-stock(string),
    closed,
  }

  flags perks {
    free-shipping,
    gift-wrap,
  }

  enum tier {
    basic,
    gold,
  }

  check: func(it: item) -> result<item, failure>;
  price: func(perks: perks, tier: tier) -> tuple<f64, list<u8, 4>>;
}

interface cart {
  use types.{item, failure};

  add: func(it: item) -> result<u32, failure>;
  clear: func();
}

world shop {
  import types;
  import cart;
  import log: func(msg: string);

  export cart;
  export checkout: func(items: list<s64>, coupon: option<char>) -> result<f64, string>;
}
`,
  'resources with constructors, methods, statics, own and borrow': `package acme:files@0.3.0;

interface fs {
  resource file {
    constructor(path: string);
    read: func(n: u32) -> list<u8>;
    open: static func(path: string) -> result<file, string>;
  }

  copy: func(src: borrow<file>, dst: own<file>) -> u64;
}

world app {
  import fs;

  export run: func(args: list<string>) -> s32;
}
`,
};

function describeItem(item: WorldItem): string {
  if (item.kind === 'interface') return printInterface(item.interface);
  if (item.kind === 'function') return printFunctionSignature(item.function);
  return item.type.kind;
}

function describe(world: World) {
  return {
    imports: [...world.imports].map(([key, item]) => [key, describeItem(item)]),
    exports: [...world.exports].map(([key, item]) => [key, describeItem(item)]),
  };
}

suite('WIT text and component binary readers', () => {
  for (const [what, source] of Object.entries(SOURCES)) {
    it(`print the same world for ${what}`, async () => {
      const fromText = selectWorld(parseWit(source, 'source.wit'));
      const fromBinary = decodeComponentWorld(await componentFromWit(source));

      // The component's own world is root:component/root; every item in it must match.
      expect(describe(fromBinary)).toEqual(describe(fromText));
    });
  }
});
