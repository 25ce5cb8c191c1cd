/**
 * The kv example's host, as jco imports: an in-memory store of text documents.
 * `proxy-component record --host host.mjs` uses the default export; tests and
 * scripts that want a fresh store each time call `createHost()`.
 */

/** What the store holds at start. */
export const DOCUMENTS = {
  greeting: 'hello big world',
  poem: 'roses are red\nviolets are blue',
  'notes/groceries': 'milk eggs\tbread',
  'config/limits': 'values up to 64 bytes',
};

/** The longest value `put` accepts, in UTF-8 bytes. */
export const MAX_VALUE_BYTES = 64;

/** jco turns a thrown error's `payload` into the `err` of a `result`. */
class StoreError extends Error {
  constructor(payload) {
    super(`store error: ${payload.tag}`);
    this.payload = payload;
  }
}

export function createHost(documents = DOCUMENTS) {
  const values = new Map(Object.entries(documents));
  const versions = new Map();
  const encoder = new TextEncoder();
  return {
    'example:kv/store': {
      // option<string>: the string, or undefined for none.
      get: (key) => values.get(key),
      put(key, value, options) {
        if (key.startsWith('config/')) throw new StoreError({ tag: 'read-only', val: key });
        if (options.ifAbsent && values.has(key)) throw new StoreError({ tag: 'already-exists', val: key });
        if (encoder.encode(value).length > MAX_VALUE_BYTES) throw new StoreError({ tag: 'too-large', val: BigInt(MAX_VALUE_BYTES) });
        // ttl-seconds is accepted and ignored: nothing expires in this in-memory store.
        values.set(key, value);
        const version = (versions.get(key) ?? 0n) + 1n;
        versions.set(key, version);
        return version;
      },
      delete: (key) => values.delete(key),
      listKeys: (prefix) => [...values.keys()].filter((key) => key.startsWith(prefix)).sort(),
    },
  };
}

export default createHost();
