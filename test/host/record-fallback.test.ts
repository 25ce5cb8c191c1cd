/**
 * A recording with a fallback (what the dialog stands on): the host answers
 * the imports it implements, a Value-level dispatcher answers the rest, and
 * both are recorded alike, as each import call completes; resources the host
 * has no class for get handles the fallback hands out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { startRecording } from '../../src/host/record.js';
import { formatImportLine, formatTrace } from '../../src/trace/write.js';
import { ResourceHandle, some, type Value } from '../../src/values/value.js';
import { worldFunctions, type WorldFunction } from '../../src/wit/world.js';
import { dialogComponent } from '../support/shapes/dialog-shapes.js';

let app: JcoComponent;
const exportNamed = (name: string): WorldFunction => {
  const found = worldFunctions(app.world, 'export').find((f) => f.function.name === name);
  if (found === undefined) throw new Error(`no export ${name}`);
  return found;
};

beforeAll(async () => {
  app = await loadJcoComponent(await dialogComponent());
});

describe('startRecording with a fallback', () => {
  it('records the host’s answers and the fallback’s alike, and tells each import call as it completes', async () => {
    const asked: string[] = [];
    let nextHandle = 0;
    const recording = await startRecording(
      app,
      { 'test:dialog/store': { allowed: (key: string) => key === 'a', put: () => undefined } },
      {},
      {
        fallback: {
          call(fn, args): Value | undefined {
            asked.push(`${fn.function.name}(${args.length})`);
            if (fn.function.name === 'get') return some(41);
            if (fn.function.name === 'open-log') return new ResourceHandle(nextHandle);
            return undefined;
          },
        },
      },
    );
    const told: string[] = [];
    recording.onImportCall = (call) => told.push(formatImportLine(call).trim());
    const byName = new Map(worldFunctions(app.world, 'import').map((fn) => [fn.function.name, fn]));
    expect(recording.hostImplements(byName.get('allowed') as WorldFunction)).toBe(true);
    expect(recording.hostImplements(byName.get('get') as WorldFunction)).toBe(false);
    expect(recording.hostImplements(byName.get('[method]log.write') as WorldFunction)).toBe(false);

    expect(recording.call(exportNamed('bump'), ['a'])).toEqual({ kind: 'return', value: 42 });
    nextHandle = recording.nextHandle();
    expect(recording.call(exportNamed('journal'), ['hi'])).toEqual({ kind: 'return' });
    expect(asked).toEqual(['get(1)', 'open-log(0)', '[method]log.write(2)']);
    expect(told).toEqual([
      'import test:dialog/store.allowed("a") -> true',
      'import test:dialog/store.get("a") -> some(41)',
      'import test:dialog/store.put("a", 42)',
      'import test:dialog/store.open-log() -> #1',
      'import test:dialog/store.[method]log.write(#1, "hi")',
    ]);
    expect(formatTrace(recording.trace()).split('\n').slice(1, -1)).toEqual([
      'export bump("a")',
      ...told.slice(0, 3).map((line) => `  ${line}`),
      'return 42',
      'export journal("hi")',
      ...told.slice(3).map((line) => `  ${line}`),
      'return',
    ]);
  });
});
