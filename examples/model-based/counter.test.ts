// The counter component against a model of it, with fast-check's model-based testing (fc.commands):
//   npm run build:examples && npx vitest run --root examples/model-based
//   COUNTER=build/counter-one-byte.wasm npx vitest run --root examples/model-based   # the buggy build: fails
// The component is the real system, a TypeScript object the model; each command makes one export
// call and checks its result against the model's. A divergence fails the run, and fast-check
// shrinks it to the shortest sequence of calls that still diverges.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { componentTest, fc, type ComponentRun } from 'proxy-component/vitest/property';

const here = dirname(fileURLToPath(import.meta.url));
const counter = componentTest(resolve(here, process.env['COUNTER'] ?? 'build/counter.wasm'));

/** The model: what the counter holds. */
interface Model {
  value: number;
}

const MAX = 1000;

/** One export call, and the model's step: it updates the model and returns what the call must answer. */
class Call implements fc.AsyncCommand<Model, ComponentRun> {
  constructor(
    readonly name: string,
    readonly args: readonly number[],
    readonly step: (model: Model) => number | undefined,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, component: ComponentRun): Promise<void> {
    const expected = this.step(model);
    expect(await component.call(this.name, ...this.args), `${this} (the model holds ${model.value})`).toBe(expected);
  }

  toString(): string {
    return `${this.name}(${this.args.join(', ')})`;
  }
}

// Arguments come from the component's WIT types (u32, biased to the edges), as any fuzz run's.
const commands = fc.commands(
  [
    counter.arg('add', 'by').map((by) => new Call('add', [by as number], (model) => (model.value = Math.min(MAX, model.value + (by as number))))),
    counter.arg('sub', 'by').map((by) => new Call('sub', [by as number], (model) => (model.value = Math.max(0, model.value - (by as number))))),
    fc.constant(new Call('get', [], (model) => model.value)),
    fc.constant(new Call('reset', [], (model) => void (model.value = 0))),
  ],
  { maxCommands: 20 },
);

counter.prop([commands])('the counter behaves as its model', async (sequence, component) => {
  await fc.asyncModelRun(() => ({ model: { value: 0 }, real: component }), sequence);
});
