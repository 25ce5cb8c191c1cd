/** Answer tapes: unrelated answers from tape to tape, the same answers from a clone, shrinking from the answers the failing run served. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerTape } from '../../src/fuzz/answer-tape.js';
import { answerTapes } from '../../src/fuzz/plan.js';
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

  it('shrink the answers the committed run served, one at a time', () => {
    const [tape] = fc.sample(answerTapes(world, { edgeWeight: 0 }), { seed: 4, numRuns: 1 }) as [AnswerTape];
    const served = serve(tape, 2);
    tape.commit();
    const candidates = [...tape.shrinks()].map((candidate) => serve(candidate.value_, 2));
    expect(candidates.length).toBeGreaterThan(0);
    // Each candidate changes one answer and keeps the other.
    for (const answers of candidates) expect(answers.filter((answer, i) => answer !== served[i])).toHaveLength(1);
    expect(candidates).toContainEqual([0, served[1]]);
    expect(candidates).toContainEqual([served[0], 0]);
  });
});
