/**
 * Composed components for tests, written as component WAT around the printed
 * text of real components: the shapes a composition tool (wac, wasm-compose)
 * produces, with nested components, instantiation arguments and re-exports.
 */
import { parse, print } from '@bytecodealliance/jco-transpile/wasm-tools';

/** The WAT of a component, with `$id` as its identifier (to nest it). */
async function nestedText(component: Uint8Array, id: string): Promise<string> {
  const text = await print(component);
  if (!text.startsWith('(component')) throw new Error('not the text of a component');
  return `(component ${id}${text.slice('(component'.length)}`;
}

interface Item {
  readonly name: string;
  readonly sort: string;
  readonly id: string;
}

/**
 * The top-level declarations of a printed component before its first core
 * module: the types its imports need, its imports and the aliases between them.
 */
function importDeclarations(text: string): { declarations: string; imports: Item[] } {
  const lines = text.split('\n');
  const end = lines.findIndex((line) => /^ {2}\((core module|core instance|component|func|instance|export)\b/.test(line));
  const head = lines.slice(1, end === -1 ? lines.length - 1 : end);
  const imports: Item[] = [];
  for (const line of head) {
    const match = /^ {2}\(import "([^"]+)" (?:\(implements "[^"]+"\) )?\((instance|func|type) (\$"[^"]+"|\$\S+)/.exec(line);
    if (match !== null) imports.push({ name: match[1] as string, sort: match[2] as string, id: match[3] as string });
  }
  return { declarations: head.join('\n'), imports };
}

/** The instance and function exports of a printed component. */
function exportsOf(text: string): Item[] {
  const items: Item[] = [];
  for (const line of text.split('\n')) {
    const match = /^ {2}\(export (?:(?:\$"[^"]+"|\$\S+) )?(?:\(@name "[^"]+"\) )?(?:\(;\d+;\) )?"([^"]+)" \((instance|func)\b/.exec(line);
    if (match !== null) items.push({ name: match[1] as string, sort: match[2] as string, id: `$export${items.length}` });
  }
  return items;
}

/**
 * A component that imports what `inner` imports, nests `inner`, instantiates it
 * with its own imports and re-exports everything `inner` exports: the same
 * world, one level of nesting deeper.
 */
export async function wrapComponent(inner: Uint8Array): Promise<Uint8Array> {
  const text = await print(inner);
  const { declarations, imports } = importDeclarations(text);
  const exports = exportsOf(text);
  const args = imports.map((item) => `(with "${item.name}" (${item.sort} ${item.id}))`).join(' ');
  const wat = [
    '(component',
    declarations,
    await nestedText(inner, '$inner'),
    `  (instance $wrapped (instantiate $inner ${args}))`,
    ...exports.map((item) => `  (alias export $wrapped "${item.name}" (${item.sort} ${item.id}))`),
    ...exports.map((item) => `  (export "${item.name}" (${item.sort} ${item.id}))`),
    ')',
  ].join('\n');
  return parse(wat);
}

/**
 * Two components linked: `provider` exports interface `link`, which `consumer`
 * imports. The composition nests both, instantiates the consumer with the
 * provider's export, and exports `exports` (names of either one's exports).
 */
export async function linkComponents(provider: Uint8Array, consumer: Uint8Array, link: string, exports: readonly { from: 'provider' | 'consumer'; name: string }[]): Promise<Uint8Array> {
  const wat = [
    '(component',
    await nestedText(provider, '$provider'),
    await nestedText(consumer, '$consumer'),
    '  (instance $p (instantiate $provider))',
    `  (alias export $p "${link}" (instance $link))`,
    `  (instance $c (instantiate $consumer (with "${link}" (instance $link))))`,
    ...exports.map((item, i) => `  (alias export ${item.from === 'provider' ? '$p' : '$c'} "${item.name}" (instance $out${i}))`),
    ...exports.map((item, i) => `  (export "${item.name}" (instance $out${i}))`),
    ')',
  ].join('\n');
  return parse(wat);
}
