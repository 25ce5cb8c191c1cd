/**
 * A function of an object worked out once per object and kept for as long as
 * the object lives (a WeakMap): what is derived from a world or a WIT type and
 * asked for again on every trace or call.
 */
export function perObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    const found = known.get(key);
    if (found !== undefined || known.has(key)) return found as V;
    const value = make(key);
    known.set(key, value);
    return value;
  };
}
