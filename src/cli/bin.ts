#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { main } from './main.js';
import { processIO, type CliIO } from './io.js';

// Programs that run the CLI (the conformance run) read how a command failed as JSON from this file.
const diagnostics = process.env['PROXY_COMPONENT_DIAGNOSTICS'];
const io: CliIO = diagnostics === undefined || diagnostics === '' ? processIO : { ...processIO, failure: (failure) => writeFileSync(diagnostics, `${JSON.stringify(failure)}\n`) };

process.exitCode = await main(process.argv.slice(2), io);
