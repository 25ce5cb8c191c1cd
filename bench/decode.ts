/**
 * Reading a component's world: our binary decoder against jco's componentWit,
 * which prints only the root world (names, no interface definitions) and is the
 * cheapest thing jco offers. Same component, same run.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/decode.js
 */
import { componentEmbed, componentNew, componentWit } from '@bytecodealliance/jco-transpile/wasm-tools';
import { decodeComponentWorld } from '../src/wit/binary/decode.js';
import { largeWit } from './large-wit.js';

async function timePerCall(run: () => unknown | Promise<unknown>, minMs = 500): Promise<number> {
  await run(); // warm up
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await run();
    calls++;
  }
  return (performance.now() - start) / calls;
}

for (const [interfaces, functions] of [
  [4, 3],
  [20, 10],
  [100, 20],
] as const) {
  const component = await componentNew(await componentEmbed({ dummy: true, witSource: largeWit(interfaces, functions), world: 'large' }));
  const ours = await timePerCall(() => decodeComponentWorld(component));
  const jco = await timePerCall(() => componentWit(component));
  const kb = (component.length / 1024).toFixed(0);
  console.log(
    `${String(interfaces).padStart(3)} interfaces, ${kb.padStart(5)} KB: decodeComponentWorld ${ours.toFixed(3)} ms, ` +
      `jco componentWit ${jco.toFixed(3)} ms, ratio ${(jco / ours).toFixed(1)}x faster with the complete world`,
  );
}
