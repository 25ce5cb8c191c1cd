/**
 * The canon section. `canon lift` makes a component function of a given type;
 * everything else (`lower`, the resource built-ins, the async and thread
 * built-ins) makes core functions, which are read only to be skipped correctly.
 * Opcodes follow wasmparser, the reader wit-component's output is checked with.
 */
import type { Scope } from './index-spaces.js';
import { decodeError, type ByteReader } from './reader.js';
import { readValueType } from './types.js';

/** Canon opcodes that take one operand each of the listed shapes. */
type Operand = 'u32' | 'byte' | 'options' | 'type' | 'resource';

const BUILTINS: ReadonlyMap<number, readonly Operand[]> = new Map<number, readonly Operand[]>([
  [0x02, ['resource']], // resource.new
  [0x03, ['resource']], // resource.drop
  [0x07, ['resource']], // resource.drop async
  [0x04, ['resource']], // resource.rep
  [0x05, []], // task.cancel
  [0x06, ['byte']], // subtask.cancel async?
  [0x08, []], // backpressure.set (older binaries)
  [0x0c, ['byte']], // thread.yield
  [0x0d, []], // subtask.drop
  [0x0e, ['type']], // stream.new
  [0x0f, ['type', 'options']], // stream.read
  [0x10, ['type', 'options']], // stream.write
  [0x11, ['type', 'byte']], // stream.cancel-read
  [0x12, ['type', 'byte']], // stream.cancel-write
  [0x13, ['type']], // stream.drop-readable
  [0x14, ['type']], // stream.drop-writable
  [0x15, ['type']], // future.new
  [0x16, ['type', 'options']], // future.read
  [0x17, ['type', 'options']], // future.write
  [0x18, ['type', 'byte']], // future.cancel-read
  [0x19, ['type', 'byte']], // future.cancel-write
  [0x1a, ['type']], // future.drop-readable
  [0x1b, ['type']], // future.drop-writable
  [0x1c, ['options']], // error-context.new
  [0x1d, ['options']], // error-context.debug-message
  [0x1e, []], // error-context.drop
  [0x1f, []], // waitable-set.new
  [0x20, ['byte', 'u32']], // waitable-set.wait
  [0x21, ['byte', 'u32']], // waitable-set.poll
  [0x22, []], // waitable-set.drop
  [0x23, []], // waitable.join
  [0x24, []], // backpressure.inc
  [0x25, []], // backpressure.dec
  [0x26, []], // thread.index
  [0x27, ['u32', 'u32']], // thread.new-indirect
  [0x28, ['byte']], // thread.switch-to
  [0x29, ['byte']], // thread.suspend
  [0x2a, []], // thread.resume-later
  [0x2b, ['byte']], // thread.yield-to
  [0x2e, ['type']], // stream.forward
  [0x2f, ['type']], // future.forward
  [0x40, ['u32']], // thread.spawn-ref
  [0x41, ['u32', 'u32']], // thread.spawn-indirect
  [0x42, []], // thread.available-parallelism
]);

export function readCanon(reader: ByteReader, scope: Scope): void {
  const start = reader.pos;
  const opcode = reader.u8();
  switch (opcode) {
    case 0x00: {
      expectFuncSort(reader, 'lift');
      reader.u32(); // core function
      skipOptions(reader);
      const at = reader.pos;
      scope.funcs.push(scope.funcType(reader.u32(), at));
      return;
    }
    case 0x01: {
      expectFuncSort(reader, 'lower');
      const at = reader.pos;
      scope.func(reader.u32(), at);
      skipOptions(reader);
      return;
    }
    case 0x09: {
      // task.return: a result list, then options.
      const kind = reader.u8();
      if (kind === 0x00) readValueType(reader, scope);
      else if (kind !== 0x01 || reader.u8() !== 0x00) throw decodeError('invalid result of `task.return`', start + 1);
      skipOptions(reader);
      return;
    }
    case 0x0a:
    case 0x0b: {
      // context.get / context.set: i32 and a slot.
      const type = reader.u8();
      if (type !== 0x7f) throw reader.unknown(type, 'context slot type');
      reader.u32();
      return;
    }
  }
  const operands = BUILTINS.get(opcode);
  if (operands === undefined) throw reader.unknown(opcode, 'canon opcode', start);
  for (const operand of operands) readOperand(reader, scope, operand);
}

function expectFuncSort(reader: ByteReader, what: string): void {
  const sort = reader.u8();
  if (sort !== 0x00) throw reader.unknown(sort, `canon ${what} sort`);
}

function readOperand(reader: ByteReader, scope: Scope, operand: Operand): void {
  const at = reader.pos;
  switch (operand) {
    case 'u32':
      reader.u32();
      return;
    case 'byte': {
      const flag = reader.u8();
      if (flag > 0x01) throw reader.unknown(flag, 'flag');
      return;
    }
    case 'options':
      skipOptions(reader);
      return;
    case 'type':
      scope.type(reader.u32(), at);
      return;
    case 'resource':
      scope.resourceType(reader.u32(), at);
      return;
  }
}

/** `opts`: string encodings, memory, realloc, post-return, async, callback, core type, gc. */
function skipOptions(reader: ByteReader): void {
  reader.each((r) => {
    const option = r.u8();
    if (option === 0x00 || option === 0x01 || option === 0x02 || option === 0x06 || option === 0x09) return;
    if (option === 0x03 || option === 0x04 || option === 0x05 || option === 0x07 || option === 0x08) {
      r.u32();
      return;
    }
    throw r.unknown(option, 'canonical option');
  });
}
