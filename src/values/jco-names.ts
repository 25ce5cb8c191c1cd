/**
 * The JS property names jco gives WIT record fields and flags.
 *
 * jco (js-component-bindgen) spells them with heck's `to_lower_camel_case`.
 * WIT names are kebab-case words that are each all lower-case or all
 * upper-case (`http-URL`), so heck's rule reduces to: split at `-`, lower-case
 * the first word, and write every later word with its first letter upper-case
 * and the rest lower-case. Digits stay where they are. No JS keyword is escaped:
 * a field `class` is the property `class` (jco quotes it in its .d.ts).
 *
 * @example
 * jcoPropertyName('http-URL')   // 'httpUrl'
 * jcoPropertyName('a-b-c')      // 'aBC'
 * jcoPropertyName('HTTP-url2')  // 'httpUrl2'
 */

const cache = new Map<string, string>();

export function jcoPropertyName(witName: string): string {
  let camel = cache.get(witName);
  if (camel === undefined) {
    camel = witName
      .split('-')
      .map((word, i) => (i === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()))
      .join('');
    cache.set(witName, camel);
  }
  return camel;
}

const classCache = new Map<string, string>();

/**
 * The JS class name jco gives a resource: heck's `to_upper_camel_case`, every
 * word with its first letter upper-case and the rest lower-case.
 *
 * @example
 * jcoClassName('handle-thing') // 'HandleThing'
 * jcoClassName('http-URL')     // 'HttpUrl'
 */
export function jcoClassName(witName: string): string {
  let pascal = classCache.get(witName);
  if (pascal === undefined) {
    pascal = witName
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
      .join('');
    classCache.set(witName, pascal);
  }
  return pascal;
}
