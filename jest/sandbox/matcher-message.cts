/**
 * What the sandbox's matchers share (CommonJS, loaded by Jest's `require`
 * inside each test file's vm context): the call site's frames for an error
 * raised on the far side of a thread, and the values a message marks with
 * PRINT_TOKEN, printed with Jest's own received/expected colours.
 */
import type { JestMatcherContext } from '../protocol.js';

/** See PRINT_TOKEN in protocol.ts (a CommonJS file cannot import its value). */
const PRINT_TOKEN = { start: '\uE000', end: '\uE001' } as const;

const TOKEN = new RegExp(`${PRINT_TOKEN.start}([RE])([^${PRINT_TOKEN.end}]*)${PRINT_TOKEN.end}`, 'g');

/** The frames of the call site, without the matcher's own. */
function framesOf(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .slice(1)
    .join('\n');
}

/** The message with every marked value printed as Jest prints received (R) and expected (E) values. */
function printTokens(message: string, utils: JestMatcherContext['utils']): string {
  return message.replace(TOKEN, (_, kind: string, json: string) => {
    const value: unknown = JSON.parse(json);
    return kind === 'R' ? utils.printReceived(value) : utils.printExpected(value);
  });
}

export = { framesOf, printTokens };
