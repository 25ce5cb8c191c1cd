/** `proxy-component wit <component.wasm | file.wit | dir>`: print a world's imports and exports with their types. */
import type { CommandSpec } from '../command.js';
import { EXIT_OK } from '../exit-code.js';
import { printInterface, printWorld } from '../../wit/print.js';
import { selectWorld } from '../../wit/load.js';
import { readWitSource } from '../../wit/source.js';
import { formatPackageName } from '../../wit/world.js';

interface WitOptions {
  readonly world?: string;
}

/** The WIT text describing `path`: the component's world, or the selected world of a WIT package. */
export async function describeWit(path: string, options: WitOptions = {}): Promise<string> {
  const source = await readWitSource(path);
  if (source.kind === 'component') return printWorld(source.world);
  const { main } = source.document;
  if (main.worlds.size === 0 && options.world === undefined) {
    // A package of interfaces only: print them, there is no world to describe.
    return [`package ${formatPackageName(main.name)};\n`, ...[...main.interfaces.values()].map(printInterface)].join('\n');
  }
  return printWorld(selectWorld(source.document, options.world));
}

export const witCommand: CommandSpec<WitOptions> = {
  name: 'wit',
  summary: "print the WIT world of a component, a .wit file or a WIT folder: every import and export with its types",
  help: [
    'Examples:',
    '  proxy-component wit component.wasm',
    '  proxy-component wit wit/ --world app',
    '',
    'Exit codes: 0 printed, 2 unreadable path, malformed WIT or corrupt component.',
  ].join('\n'),
  arguments: [{ syntax: '<path>', description: 'a component (.wasm), a .wit file, or a folder of .wit files with deps/' }],
  options: [{ flags: '--world <name>', description: 'the world to print when the WIT package has several' }],
  async run([path], options, io) {
    const text = await describeWit(path as string, options);
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return EXIT_OK;
  },
};
