/**
 * The command that runs one Vitest test again, as failure messages suggest
 * it: `npx vitest run test/app.test.ts -t 'adds up'`, ready to paste into a
 * shell. A saved failure of inline properties replays in the test that
 * defined them (see matchers/property-corpus.ts), so that is how it replays.
 */

/** `npx vitest run <file> [-t <pattern>]`; `testName` as Vitest's `currentTestName` gives it (`suite > test`). */
export function vitestTestCommand(testFile: string, testName?: string): string {
  const words = ['npx', 'vitest', 'run', shellQuote(testFile)];
  // `-t` is a regular expression searched in the full name (suites and test joined by spaces): the test's own name, as text.
  const own = testName?.split(' > ').pop();
  if (own !== undefined && own !== '') words.push('-t', shellQuote(own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return words.join(' ');
}

/** A shell word: as is when it is plain, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
