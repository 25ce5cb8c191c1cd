/**
 * Test names for export calls: the call as written in the trace
 * (`count-words("doc")`), made safe for Vitest. Vitest 5's static `vitest list`
 * reads names from string literals and gives up on `"` and `\`, so those become
 * `'` and `∖`; very long calls are shortened; repeated calls get `#2`, `#3`…
 * so that every name is unique (for `-t` and for reports).
 */

/** Longest name, in code points, before it is shortened with `…`. */
export const MAX_NAME_LENGTH = 120;

export function safeTestName(callText: string): string {
  const safe = callText.replaceAll('"', "'").replaceAll('\\', '∖');
  const points = [...safe];
  return points.length <= MAX_NAME_LENGTH ? safe : `${points.slice(0, MAX_NAME_LENGTH - 1).join('')}…`;
}

/** Safe, unique names, in order. */
export function uniqueTestNames(callTexts: readonly string[]): string[] {
  const taken = new Set<string>();
  const seen = new Map<string, number>();
  return callTexts.map((text) => {
    const base = safeTestName(text);
    let count = seen.get(base) ?? 0;
    let name = base;
    while (taken.has(name)) {
      count += 1;
      name = `${base} #${count + 1}`;
    }
    seen.set(base, count);
    taken.add(name);
    return name;
  });
}
