#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { main } from './main.js';
import { processIO, type CliIO } from './io.js';

// Programs that run the CLI (the conformance run) read how a command failed as JSON from this file.
const diagnostics = process.env['PROXY_COMPONENT_DIAGNOSTICS'];
// A reader of stdout that has gone (`proxy-component ... | head -1`) ends the output, as `head`'s
// writers expect, not the process: the command still finishes what it writes to files.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});
const stdout = (text: string): void => void (stdoutClosed || process.stdout.write(text));
const io: CliIO = {
  ...processIO,
  stdout,
  ...(diagnostics === undefined || diagnostics === '' ? {} : { failure: (failure) => writeFileSync(diagnostics, `${JSON.stringify(failure)}\n`) }),
};

process.exitCode = await main(process.argv.slice(2), io);
