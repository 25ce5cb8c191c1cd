// The kv example's component, in JavaScript: componentize-qjs compiles it,
// with QuickJS, into a component of the `app` world in wit/kv.wit.
import store from 'example:kv/store@0.1.0';
import random from 'wasi:random/random@0.2.12';

/** Words are runs of anything but whitespace. */
function wordCount(text) {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

export function countWords(key) {
  const text = store.get(key);
  return text == null ? 0 : wordCount(text);
}

// A store error thrown by `put` propagates as this export's `err`.
export function appendWords(key, text, options) {
  const existing = store.get(key);
  return store.put(key, existing == null ? text : `${existing} ${text}`, options);
}

export function summarize(keys) {
  if (keys.length === 0) throw { tag: 'no-keys' };
  const missing = [];
  let found = 0;
  let totalWords = 0;
  let longest = null;
  let most = -1;
  for (const key of keys) {
    const text = store.get(key);
    if (text == null) {
      missing.push(key);
      continue;
    }
    const words = wordCount(text);
    found += 1;
    totalWords += words;
    if (words > most) {
      most = words;
      longest = key;
    }
  }
  if (found === 0) throw { tag: 'all-missing', val: keys.length };
  // Date.now() reads WASI's wall clock: the trace records the time, replay hands it back.
  return { found, missing, totalWords, meanWords: totalWords / found, longest, checkedAtMs: Date.now() };
}

export function randomDocument(prefix) {
  const keys = store.listKeys(prefix);
  if (keys.length === 0) return null;
  // WASI randomness, recorded like any import, so a replay picks the same key.
  const key = keys[Number(BigInt(random.getRandomU64()) % BigInt(keys.length))];
  return { key, words: countWords(key) };
}

export function forget(keys) {
  let existed = 0;
  for (const key of keys) {
    if (store.delete(key)) existed += 1;
  }
  return existed;
}
