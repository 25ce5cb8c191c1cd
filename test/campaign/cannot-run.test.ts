/**
 * An engine that cannot run a generated component another engine runs
 * right is a finding (jco-transpile 0.7.0's glue calls an undefined
 * `_lowerFlatVariant` for an imported function over an enum; an engine
 * simulating that here), shrunk to the minimal world and confirmed; a
 * documented refusal (jco's latin1+utf16 assertion) is not.
 */
import { describe, expect, it } from 'vitest';
import { buildCase } from '../../src/campaign/build-case.js';
import { knownRefusal } from '../../src/campaign/cannot-run.js';
import { runBindingsCampaign } from '../../src/campaign/campaign.js';
import { checkCase } from '../../src/campaign/check-case.js';
import type { Engine } from '../../src/engines/engine.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { WitType } from '../../src/wit/types.js';
import { worldFunctions } from '../../src/wit/world.js';

function hasEnum(type: WitType): boolean {
  switch (type.kind) {
    case 'enum':
      return true;
    case 'list':
      return hasEnum(type.element);
    case 'option':
      return hasEnum(type.some);
    case 'tuple':
      return type.elements.some(hasEnum);
    case 'record':
      return type.fields.some((field) => hasEnum(field.type));
    case 'variant':
      return type.cases.some((c) => c.type !== undefined && hasEnum(c.type));
    case 'result':
      return (type.ok !== undefined && hasEnum(type.ok)) || (type.err !== undefined && hasEnum(type.err));
    default:
      return false;
  }
}

/** jco, refusing to load a component that imports a function over an enum, as jco-transpile 0.7.0's glue fails to instantiate. */
const enumImports: Engine = {
  name: 'enum-imports',
  description: 'jco, failing on imported functions over enums',
  status: () => jcoEngine.status(),
  async load(component) {
    const world = decodeComponentWorld(component.bytes);
    if (worldFunctions(world, 'import').some((fn) => fn.function.params.some((param) => hasEnum(param.type)))) throw new Error('ReferenceError: _lowerFlatVariant is not defined');
    return jcoEngine.load(component);
  },
};

describe('engines that cannot run a component', () => {
  it('are a finding, shrunk to the smallest world that still fails, when another engine runs it right', async () => {
    const report = await runBindingsCampaign({ engines: [jcoEngine, enumImports], count: 12, seed: 5, generator: { encodings: ['utf8'], kinds: ['import-echo'] }, shrinkTimeMs: 30_000 });
    expect(report.findings).toHaveLength(1);
    const finding = report.findings[0];
    expect(finding?.failure).toBe('cannot run');
    expect(finding?.engines).toEqual(['enum-imports']);
    expect(finding?.confirmed).toBe(true);
    expect(finding?.shrunk.functions).toHaveLength(1);
    expect(finding?.wit).toMatch(/enum %t0 \{ %[a-z0-9-]+ \}/);
    expect(finding?.wit).toContain('import %host-f0: func(p0: %t0) -> %t0;');
    expect(finding?.outcomes.map((o) => [o.engine, o.correct])).toEqual([['jco', true], ['enum-imports', false]]);
  }, 120_000);

  it("are no finding when the engine's refusal is documented: jco and latin1+utf16", async () => {
    const latin1 = { encoding: 'compact-utf16' as const, functions: [{ name: 'f0', kind: 'echo' as const, params: [{ kind: 'string' as const }] }], calls: [{ function: 0, args: ['a'] }] };
    await buildCase(latin1);
    const check = await checkCase(latin1, [jcoEngine], { timeoutMs: 10_000 });
    expect(check.failures).toHaveLength(1);
    expect(knownRefusal(check.failures[0]?.reason ?? '')).toContain('wit-bindgen#392');
    expect(knownRefusal('ReferenceError: _lowerFlatVariant is not defined')).toBeUndefined();
  }, 60_000);
});
