// A native stand-in for the calc component (test/engines/support/components.ts),
// with one planted difference: add(2, 2) is 5.
export function instantiate() {
  let count = 0;
  return {
    'test:calc/ops@0.1.0': {
      add: (a, b) => (a === 2 && b === 2 ? 5 : (a + b) >>> 0),
      next: (x) => BigInt.asUintN(64, x + 1n),
      count: () => ++count,
      checkedDiv: (a, b) => {
        if (b === 0) throw { payload: 'division by zero' };
        return Math.trunc(a / b);
      },
      nan: () => NaN,
      negZero: () => -0,
    },
    crash: () => {
      throw new Error('unreachable');
    },
    spin: () => {
      for (;;);
    },
  };
}
