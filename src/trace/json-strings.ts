/**
 * Where the strings of a JSON line are, so that an error inside a WAVE value
 * the original tool's format holds in a JSON string (`"args":["[1, x]"]`) is
 * reported at its column in the file, not at a column counted inside the
 * decoded string: every string value of the line, by its path of keys and
 * indices, with the offset in the line of each of its decoded characters
 * (escapes such as `\"` or `\u00e9` take several characters of the line).
 */

export interface JsonString {
  /** Keys and array indices from the top object down to the string. */
  readonly path: readonly (string | number)[];
  /** For each UTF-16 unit of the decoded string, its offset in the line; one more entry for its end. */
  readonly offsets: readonly number[];
}

/**
 * The string values of a line of JSON, in order. Assumes `line` is valid JSON
 * (the caller parsed it); returns what it found up to anything it does not
 * expect.
 */
export function jsonStrings(line: string): JsonString[] {
  const found: JsonString[] = [];
  // Each open container: an object (with the key of the value being read) or an array (with the index).
  const stack: { readonly kind: 'object' | 'array'; key: string | number | undefined; expectKey: boolean }[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', key: c === '[' ? 0 : undefined, expectKey: c === '{' });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.key = (top.key as number) + 1;
      else if (top !== undefined) top.expectKey = true;
      i++;
    } else if (c === ':') {
      i++;
    } else if (c === '"') {
      const { value, offsets, end } = scanString(line, i);
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        top.key = value;
        top.expectKey = false;
      } else {
        found.push({ path: stack.map((entry) => entry.key as string | number), offsets });
      }
      i = end;
    } else {
      i++;
    }
  }
  return found;
}

/** The string starting at the quote at `start`: its decoded value, the line offset of each decoded unit, and the offset after its closing quote. */
function scanString(line: string, start: number): { value: string; offsets: number[]; end: number } {
  let value = '';
  const offsets: number[] = [];
  let i = start + 1;
  while (i < line.length && line[i] !== '"') {
    if (line[i] === '\\') {
      const escape = line[i + 1];
      if (escape === 'u') {
        value += String.fromCharCode(parseInt(line.slice(i + 2, i + 6), 16));
        offsets.push(i);
        i += 6;
      } else {
        value += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[escape ?? ''] ?? escape ?? '';
        offsets.push(i);
        i += 2;
      }
    } else {
      value += line[i];
      offsets.push(i);
      i++;
    }
  }
  offsets.push(i);
  return { value, offsets, end: i + 1 };
}

/** The 1-based column (in code points) of the line offset `offset`. */
export function columnOf(line: string, offset: number): number {
  return [...line.slice(0, offset)].length + 1;
}
