/** Answer tapes: unrelated answers from tape to tape, the same answers from a clone, shrinking from the answers the failing run served (fewer, then simpler). */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerTape } from '../../src/fuzz/answer-tape.js';
import { answerTapes } from '../../src/fuzz/plan.js';
import { UnanswerableImport } from '../../src/host/fuzz-host.js';
import type { Value } from '../../src/values/value.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { worldFunctions, type World, type WorldFunction } from '../../src/wit/world.js';
import { addsAnswerComponent } from '../support/shapes/adds-answer.js';

let world: World;
let get: WorldFunction;

beforeAll(async () => {
  world = decodeComponentWorld(await addsAnswerComponent());
  get = worldFunctions(world, 'import')[0] as WorldFunction;
});

const serve = (tape: AnswerTape, count: number): Value[] => Array.from({ length: count }, () => tape.answer(get));

describe('answer tapes', () => {
  it('give each tape answers of its own: not the answers of another shifted by a draw', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const [first, second] = fc.sample(answerTapes(world, { edgeWeight: 0 }), { seed, numRuns: 2 }) as [AnswerTape, AnswerTape];
      const a = serve(first, 6);
      const b = serve(second, 6);
      expect(a.slice(1)).not.toEqual(b.slice(0, 5));
      expect(b.slice(1)).not.toEqual(a.slice(0, 5));
      expect(a).not.toEqual(b);
    }
  });

  it('serve the same answers from a clone, and past `maxAnswers` the same ones again', () => {
    const [tape] = fc.sample(answerTapes(world, undefined, { maxAnswers: 2 }), { seed: 9, numRuns: 1 }) as [AnswerTape];
    const served = serve(tape, 5);
    expect(serve(tape[fc.cloneMethod](), 5)).toEqual(served);
    expect(served.slice(2)).toEqual([served[0], served[1], served[0]]);
  });

  it('shrink the answers the committed run served: first by leaving answers out, then one simpler at a time', () => {
    const [tape] = fc.sample(answerTapes(world, { edgeWeight: 0 }), { seed: 4, numRuns: 1 }) as [AnswerTape];
    const served = serve(tape, 2);
    tape.commit();
    const candidates = [...tape.shrinks()].map((candidate) => candidate.value_);
    // Leaving one answer out: the other comes first, and the tape has no answer after it (such a run proves nothing).
    const [withoutFirst, withoutSecond, ...simpler] = candidates as [AnswerTape, AnswerTape, ...AnswerTape[]];
    expect(withoutFirst.answer(get)).toEqual(served[1]);
    expect(() => withoutFirst.answer(get)).toThrow(UnanswerableImport);
    expect(withoutSecond.answer(get)).toEqual(served[0]);
    expect(() => withoutSecond.answer(get)).toThrow(UnanswerableImport);
    const values = simpler.map((candidate) => serve(candidate, 2));
    expect(values.length).toBeGreaterThan(0);
    // Each of the others changes one answer and keeps the other.
    for (const answers of values) expect(answers.filter((answer, i) => answer !== served[i])).toHaveLength(1);
    expect(values).toContainEqual([0, served[1]]);
    expect(values).toContainEqual([served[0], 0]);
  });

  it('leave out blocks of answers, halves first, as arrays shrink', () => {
    const [tape] = fc.sample(answerTapes(world, { edgeWeight: 0 }), { seed: 5, numRuns: 1 }) as [AnswerTape];
    const served = serve(tape, 8);
    tape.commit();
    const lengths = [...tape.shrinks()].slice(0, 14).map((candidate) => {
      const answers: Value[] = [];
      try {
        for (;;) answers.push(candidate.value_.answer(get));
      } catch (error) {
        expect(error).toBeInstanceOf(UnanswerableImport);
      }
      return answers;
    });
    expect(lengths.slice(0, 2)).toEqual([served.slice(4), served.slice(0, 4)]);
    expect(lengths.slice(2, 6).map((answers) => answers.length)).toEqual([6, 6, 6, 6]);
    expect(lengths.slice(6, 14).map((answers) => answers.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
  });

  it('shrink to an end: leaving answers out and making them simpler never go round in circles', () => {
    // A reader that retries on 0 and fails on two answers in a row that are not 0: from [0, 5, 5],
    // leaving the 0 out gives [5, 5]; making the first 5 a 0 would need a third answer, which a
    // shrunk tape does not give (a fresh one would fail again: [0, 5, x], and round again).
    const reads = (tape: AnswerTape): boolean => {
      let previous = 0;
      for (let read = 0; read < 50; read++) {
        const answer = tape.answer(get) as number;
        if (answer !== 0 && previous !== 0) return false;
        previous = answer;
      }
      return true;
    };
    let evaluations = 0;
    const result = fc.check(
      fc.property(answerTapes(world, { edgeWeight: 0 }), (tape) => {
        // Shrinking in circles would never end: past this, every candidate passes, which ends it.
        if (++evaluations > 5000) return true;
        try {
          if (reads(tape)) return true;
        } catch (error) {
          if (error instanceof UnanswerableImport) fc.pre(false);
          throw error;
        }
        tape.commit();
        return false;
      }),
      { seed: 11, numRuns: 100 },
    );
    expect(result.failed).toBe(true);
    expect(result.numShrinks).toBeLessThan(200);
    const [tape] = result.counterexample as [AnswerTape];
    expect(tape.servedAnswers().get('test:shapes/store.get')).toHaveLength(2);
  });
});
