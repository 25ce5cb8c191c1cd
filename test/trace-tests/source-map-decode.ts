/** Reading source maps back, to hold the encoder to what a consumer sees. */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a VLQ sequence (the inverse the test holds the encoder to). */
export function decodeVlqs(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) * 2 ** shift;
    shift += 5;
    if ((digit & 32) === 0) {
      values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Generated line i -> [source index, source line, source column] (0-based), as a consumer reads the map. */
export function decodeLineMap(mappings: string): [number, number, number][] {
  const state = [0, 0, 0];
  return mappings.split(';').map((segment) => {
    const [, ...deltas] = decodeVlqs(segment);
    deltas.forEach((delta, i) => (state[i] = (state[i] as number) + delta));
    return [state[0], state[1], state[2]] as [number, number, number];
  });
}
