/**
 * A component's complete WIT world, read from its binary.
 *
 * jco's `componentWit` prints only the root world (`import held:kv/store@0.1.0;`);
 * this reads the definitions too: every imported and exported interface with
 * its types and functions, resources with a stable identity, in pure
 * TypeScript, for any component, including composed ones.
 *
 * @example
 * const world = decodeComponentWorld(bytes);
 * world.imports.get('held:kv/store@0.1.0'); // { kind: 'interface', interface: { types, functions, ... } }
 * world.exports.get('run');                 // { kind: 'function', function: { params, result, ... } }
 */
import { ProxyComponentError } from '../../errors.js';
import type { World } from '../world.js';
import { readComponent } from './component.js';
import { ByteReader, DecodeProblem } from './reader.js';
import { buildWorld } from './world-items.js';

/**
 * The world of the component in `bytes`, named `root` in package `root:component`
 * (the binary does not keep the original world's name).
 *
 * @throws ProxyComponentError `COMPONENT_DECODE` when the bytes are not a valid
 * component (the message says what and at which byte), `WIT_UNSUPPORTED` when
 * the component uses something a WIT world cannot express (a `map` type, a
 * core module or value import).
 */
export function decodeComponentWorld(bytes: Uint8Array): World {
  if (!(bytes instanceof Uint8Array)) {
    throw new ProxyComponentError('COMPONENT_DECODE', 'expected the bytes of a component (a Uint8Array)');
  }
  try {
    const root = readComponent(new ByteReader(bytes, 0, bytes.length), undefined);
    return buildWorld(root);
  } catch (error) {
    throw asPublicError(error);
  }
}

function asPublicError(error: unknown): unknown {
  if (error instanceof DecodeProblem) {
    const detail = error.context === undefined ? error.message : `${error.message} while reading ${error.context}`;
    return new ProxyComponentError('COMPONENT_DECODE', detail);
  }
  // Only a hostile binary nests deeply enough to exhaust the stack.
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new ProxyComponentError('COMPONENT_DECODE', 'the component is nested too deeply to decode', { cause: error });
  }
  return error;
}
