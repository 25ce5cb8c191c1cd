/**
 * Who is the odd one out: engines are grouped by what they did, and a group
 * holding more than half of them is the majority; the engines outside it are
 * named. With two engines there is no majority to speak of: they differ.
 * When the right answer is known, the engines that differ from it are named
 * instead, minority or not (`voteWithTruth`).
 */

export interface Vote {
  /** Engine names grouped by agreeing result, largest group first. */
  readonly groups: readonly (readonly string[])[];
  /** The engines outside a strict majority; empty when all agree or none has a majority. */
  readonly oddOnesOut: readonly string[];
  /** One sentence. */
  readonly verdict: string;
}

/** `results`: each engine's comparison key for the same thing (engines without one are left out). */
export function vote(results: ReadonlyMap<string, string>): Vote {
  const byKey = new Map<string, string[]>();
  for (const [engine, key] of results) {
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, [engine]);
    else group.push(engine);
  }
  const groups = [...byKey.values()].sort((a, b) => b.length - a.length);
  const total = results.size;
  if (groups.length <= 1) return { groups, oddOnesOut: [], verdict: total <= 1 ? 'nothing to compare' : 'all engines agree' };
  if (total === 2) return { groups, oddOnesOut: [], verdict: `${listNames(groups.flat())} differ` };
  const majority = groups[0] as readonly string[];
  if (majority.length * 2 <= total) return { groups, oddOnesOut: [], verdict: `no majority: ${groups.map((g) => `{${g.join(', ')}}`).join(' vs ')}` };
  const oddOnesOut = groups.slice(1).flat();
  const verb = oddOnesOut.length === 1 ? 'differs' : 'differ';
  return { groups, oddOnesOut, verdict: `${listNames(oddOnesOut)} ${verb} from the majority (${majority.join(', ')})` };
}

/**
 * The vote when the right answer is known (a trace's outcome: recorded, or a
 * campaign plan's truth): the engines whose key is not `truth` are named,
 * however many they are, and the others are said to agree with it.
 */
export function voteWithTruth(results: ReadonlyMap<string, string>, truth: string): Vote {
  const { groups } = vote(results);
  const wrong = [...results].filter(([, key]) => key !== truth).map(([engine]) => engine);
  const right = [...results].filter(([, key]) => key === truth).map(([engine]) => engine);
  if (wrong.length === 0) return { groups, oddOnesOut: [], verdict: 'all engines agree with the trace' };
  const verb = wrong.length === 1 ? 'differs' : 'differ';
  const others = right.length === 0 ? 'no engine agrees with it' : `${listNames(right)} ${right.length === 1 ? 'agrees' : 'agree'} with it`;
  return { groups, oddOnesOut: wrong, verdict: `${listNames(wrong)} ${verb} from the trace (${others})` };
}

/** `jco, node and bun`. */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
