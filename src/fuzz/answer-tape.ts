/**
 * Import answers as fast-check input, the one mechanism every fuzzing entry
 * point uses (fuzz runs, `diff --fuzz` plans, `componentTest` instances), so
 * that a failure found through an answer shrinks the same way everywhere.
 *
 * An AnswerTape answers each import function from a list of its own: the
 * answers it was given (by shrinking), then answers drawn on demand, the
 * `k`-th from a random stream of that import function's own (seeded once per
 * generated tape, `seedStream`), so that shrinking one answer, or one import
 * asking more often, does not shift the answers of any other. A tape writes
 * down what it served; the run that fails `commit`s that record to the tape's
 * lineage (the tape and the clones fast-check makes of it), and shrinking
 * then goes through every answer served in that run, each with its own
 * arbitrary's shrinker, to a local minimum: no single answer can be made
 * simpler and still fail.
 *
 * (fast-check's `fc.gen()` keeps the answers in the context of the value it
 * first ran, which its clones in shrunk runs do not update: an answer found
 * with an argument shrunk first is not shrunk, as `add(0, 0)` whose import
 * answered 2271986605.)
 */
import fc from 'fast-check';
import { cachedCallName, UnanswerableImport } from '../host/fuzz-host.js';
import type { Value } from '../values/value.js';
import type { World, WorldFunction } from '../wit/world.js';
import { worldFunctions } from '../wit/world.js';
import { findUnsupported } from '../wit/types.js';
import { valueArbitrary, type ValueArbitraryOptions } from './arbitrary.js';
import { seededRandom } from './seeded-random.js';

/** Answers of one import function, as fast-check made them (with their shrinking context). */
type Answers = readonly fc.Value<Value>[];

/** What every tape derived from one generated tape shares: the arbitraries and the random streams of fresh answers. */
class TapeFamily {
  private readonly streams = new Map<string, { readonly random: fc.Random; readonly drawn: fc.Value<Value>[] }>();

  constructor(
    readonly arbitrary: AnswerTapeArbitrary,
    private readonly seed: number,
    private readonly biasFactor: number | undefined,
  ) {}

  /** The `k`-th fresh answer of import `name`: the same for every tape of the family. */
  fresh(name: string, k: number, arbitrary: fc.Arbitrary<Value>): fc.Value<Value> {
    let stream = this.streams.get(name);
    if (stream === undefined) this.streams.set(name, (stream = { random: new fc.Random(seededRandom(this.seed, name)), drawn: [] }));
    while (stream.drawn.length <= k) stream.drawn.push(arbitrary.generate(stream.random, this.biasFactor));
    return stream.drawn[k] as fc.Value<Value>;
  }
}

/** A tape and its clones: the answers served by the run that failed (or, without one, by the last run). */
interface Lineage {
  failing?: ReadonlyMap<string, Answers>;
  last?: ReadonlyMap<string, Answers>;
}

export class AnswerTape {
  private readonly served = new Map<string, fc.Value<Value>[]>();

  constructor(
    private readonly family: TapeFamily,
    /** Answers given in advance, per import function (by WAVE call name); the rest are fresh. */
    private readonly given: ReadonlyMap<string, Answers>,
    private readonly lineage: Lineage = {},
    /**
     * Most answers per import function, for tapes made by shrinking: as many
     * as the failing run was served (fewer where a shrink left some out).
     * Asked for more, the tape cannot answer and the run proves nothing, so
     * no accepted shrink makes the component ask more of an import it was
     * already answering: shrinking cannot go round in circles (leave an
     * answer out, make another simpler, which draws a fresh one, ...).
     * Imports the failing run never called have no limit.
     */
    private readonly limits: ReadonlyMap<string, number> = new Map(),
  ) {}

  /** The next answer for an import function (an `AnswerSource`). */
  readonly answer = (fn: WorldFunction): Value => {
    const name = cachedCallName(fn);
    const arbitrary = this.family.arbitrary.answerArbitrary(name);
    let served = this.served.get(name);
    if (served === undefined) this.served.set(name, (served = []));
    const max = this.family.arbitrary.maxAnswers;
    const k = served.length;
    // Past `maxAnswers`, the answers served so far come round again.
    if (max !== undefined && k >= max) {
      const again = served[k % max] as fc.Value<Value>;
      served.push(again);
      this.lineage.last = this.served;
      return again.value_;
    }
    const given = this.given.get(name)?.[k];
    if (k >= (this.limits.get(name) ?? Infinity)) throw new UnanswerableImport(`${name} asked for more answers than the run being shrunk was given`);
    const answer = given ?? this.family.fresh(name, k, arbitrary);
    served.push(answer);
    this.lineage.last = this.served;
    return answer.value_;
  };

  /** Whether `arbitrary` made this tape. */
  isOf(arbitrary: AnswerTapeArbitrary): boolean {
    return this.family.arbitrary === arbitrary;
  }

  /** The answers served so far, per import function (WAVE call name), in order. */
  servedAnswers(): ReadonlyMap<string, readonly Value[]> {
    return new Map([...this.served].map(([name, answers]) => [name, answers.map((answer) => answer.value_)]));
  }

  /** This use of the tape is the one that failed: shrinking starts from the answers it served. */
  commit(): void {
    this.lineage.failing = new Map(this.served);
  }

  /** The same tape, unused: it serves the same answers. */
  [fc.cloneMethod](): AnswerTape {
    return new AnswerTape(this.family, this.given, this.lineage, this.limits);
  }

  [fc.toStringMethod](): string {
    const lines = [...(this.lineage.failing ?? this.lineage.last ?? this.given)].map(([name, answers]) => `${name}: ${fc.stringify(answers.map((answer) => answer.value_))}`);
    return `answers(${lines.join('; ')})`;
  }

  /** With `maxAnswers`, every answer the tape can serve: that many per import function, whether asked for or not. */
  plannedAnswers(): ReadonlyMap<string, Answers> {
    const max = this.family.arbitrary.maxAnswers;
    const planned = new Map<string, Answers>();
    if (max === undefined) return planned;
    for (const name of this.family.arbitrary.importNames()) {
      const arbitrary = this.family.arbitrary.answerArbitrary(name);
      const given = this.given.get(name) ?? [];
      planned.set(name, Array.from({ length: max }, (_, k) => given[k] ?? this.family.fresh(name, k, arbitrary)));
    }
    return planned;
  }

  /**
   * Tapes that leave a block of answers out, then tapes that serve one
   * answer simpler each, the others unchanged. The answers shrunk are those the failing run served when one was committed
   * (fuzz runs); else, with `maxAnswers`, every answer the tape can serve
   * (`plannedAnswers`: what the tape is, whatever ran, so fast-check can
   * replay a path through it without running the steps, as `componentTest`
   * replays); else those of the last run.
   */
  shrinks(): fc.Stream<fc.Value<AnswerTape>> {
    const max = this.family.arbitrary.maxAnswers;
    const served = this.lineage.failing ?? (max === undefined ? (this.lineage.last ?? this.given) : this.plannedAnswers());
    const { family } = this;
    // Without `maxAnswers` (whose answers come round again), no shrink asks more of an import than the run served.
    const limits = new Map<string, number>();
    if (max === undefined) {
      for (const name of this.limits.keys()) limits.set(name, 0);
      for (const [name, answers] of served) limits.set(name, answers.length);
    }
    const candidates = function* (): Generator<fc.Value<AnswerTape>> {
      // First fewer answers: a loop that asks until an answer ends it (reads until
      // `closed`) fails sooner once the answers before the one that ends it are gone.
      if (max === undefined) {
        for (const [name, answers] of served) {
          for (const [from, to] of removableBlocks(answers.length)) {
            const given = new Map(served);
            given.set(name, [...answers.slice(0, from), ...answers.slice(to)]);
            yield new fc.Value(new AnswerTape(family, given, {}, new Map(limits).set(name, answers.length - (to - from))), undefined);
          }
        }
      }
      for (const [name, all] of served) {
        const answers = max === undefined ? all : all.slice(0, max);
        const arbitrary = family.arbitrary.answerArbitrary(name);
        for (let k = 0; k < answers.length; k++) {
          const answer = answers[k] as fc.Value<Value>;
          for (const simpler of arbitrary.shrink(answer.value_, answer.context)) {
            const given = new Map(served);
            given.set(name, answers.map((other, i) => (i === k ? simpler : other)));
            const tape = new AnswerTape(family, given, {}, limits);
            yield new fc.Value(tape, undefined);
          }
        }
      }
    };
    return fc.stream(candidates());
  }
}

/**
 * The blocks of a list of `length` answers to try leaving out, largest first
 * (halves, then quarters, ... then single answers), as fast-check shrinks
 * arrays: a run that made n answers shrinks in about log n steps per block size.
 */
function* removableBlocks(length: number): Generator<readonly [number, number]> {
  for (let size = Math.floor(length / 2); size >= 1; size = Math.floor(size / 2)) {
    for (let from = 0; from + size <= length; from += size) yield [from, from + size];
  }
}

export interface AnswerTapeOptions {
  /** Most answers per import function in one tape; past it they come round again. Default: no limit. */
  readonly maxAnswers?: number;
}

/** Tapes of answers for the imports of `world` whose result types can be generated. */
export class AnswerTapeArbitrary extends fc.Arbitrary<AnswerTape> {
  private readonly arbitraries = new Map<string, fc.Arbitrary<Value>>();
  readonly maxAnswers: number | undefined;

  constructor(world: World, values: ValueArbitraryOptions, options: AnswerTapeOptions = {}) {
    super();
    this.maxAnswers = options.maxAnswers;
    for (const fn of worldFunctions(world, 'import')) {
      const result = fn.function.result;
      if (result === undefined || fn.function.kind === 'constructor' || fn.function.async === true || findUnsupported(result) !== undefined) continue;
      this.arbitraries.set(cachedCallName(fn), valueArbitrary(result, values));
    }
  }

  /** The imports answered (WAVE call names), in the world's order. */
  importNames(): readonly string[] {
    return [...this.arbitraries.keys()];
  }

  /** The arbitrary of an import's answers; an import whose type cannot be generated cannot be answered (thrown through the component). */
  answerArbitrary(name: string): fc.Arbitrary<Value> {
    const arbitrary = this.arbitraries.get(name);
    if (arbitrary === undefined) throw new UnanswerableImport(`cannot generate answers for ${name}: its types are not supported yet`);
    return arbitrary;
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<AnswerTape> {
    // One draw of the parent seeds the tape's streams: the next tape's are unrelated to them.
    const family = new TapeFamily(this, mrng.nextInt(), biasFactor);
    return new fc.Value(new AnswerTape(family, new Map()), undefined);
  }

  canShrinkWithoutContext(value: unknown): value is AnswerTape {
    return value instanceof AnswerTape && value.isOf(this);
  }

  shrink(value: AnswerTape): fc.Stream<fc.Value<AnswerTape>> {
    return value.shrinks();
  }
}
