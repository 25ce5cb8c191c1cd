/** `proxy-component engines`: which engines `diff` can use here, one line each. */
import { knownEngines } from '../../engines/registry.js';
import type { CommandSpec } from '../command.js';
import { EXIT_OK } from '../exit-code.js';

export const enginesCommand: CommandSpec<Record<string, never>> = {
  name: 'engines',
  summary: 'list the engines diff can run components on: name, version and path, or how to install',
  help: [
    'Each line is `name version path`, or `name missing: <how to install>`.',
    'Engines are found in ./.tools (or $PROXY_COMPONENT_TOOLS), at their system paths, then on PATH.',
    'native:<module.js> (a JS module implementing the exports) is always available.',
  ].join('\n'),
  arguments: [],
  options: [],
  async run(_args, _options, io) {
    const statuses = await Promise.all(knownEngines().map(async (engine) => ({ engine, status: await engine.status() })));
    for (const { engine, status } of statuses) {
      io.stdout(status.available ? `${engine.name} ${status.version} ${status.path}\n` : `${engine.name} missing: ${status.install}\n`);
    }
    return EXIT_OK;
  },
};
