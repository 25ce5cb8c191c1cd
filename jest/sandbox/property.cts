/**
 * The property matchers for Jest, `toSatisfyProperties` and `toNeverTrap`
 * (registered with the others by proxy-component/jest/matchers/setup), the
 * same core (matchers/property.ts) as for Vitest.
 *
 * ```ts
 * await expect('build/app.wasm').toNeverTrap({ runs: 500, corpus: 'fuzz-corpus' });
 * await expect('build/app.wasm').toSatisfyProperties({ properties: './properties.mjs' });
 * ```
 *
 * Each call runs its campaign in a worker thread of its own (the core is
 * ESM, out of reach of Jest's sandbox), which ends with the call. User
 * properties come as a module path: functions cannot leave the sandbox.
 * Without a `seed`, the campaign takes Jest's seed, so `jest --show-seed`
 * shows it and `jest --seed=<seed>` finds the same failure again (as with
 * @fast-check/jest); the failure message shows the seed, the path and the
 * shrunk counterexample as WAVE calls, and the result carries it as
 * `proxyCounterexample` for proxy-component/jest/reporter. Their types on
 * `expect`: property-types.cts.
 */
import path = require('node:path');
import workerThreads = require('node:worker_threads');
import type { PropertyThreadReply, PropertyThreadRequest } from '../property-thread.js';
import type { PropertyMatcherName } from '../../matchers/property.js';
import type { FuzzCounterexample } from '../../matchers/property-report.js';
import type { JestMatcherContext, JestMatcherResult } from '../protocol.js';
import type { JestPropertyCampaign } from './property-types.cjs';
import matcherMessage = require('./matcher-message.cjs');
import jestSeed = require('./jest-seed.cjs');


/** Jest keeps the whole result in the failure's `matcherResult`, where proxy-component/jest/reporter reads `proxyCounterexample`. */
type JestPropertyResult = JestMatcherResult & { readonly proxyCounterexample?: FuzzCounterexample };

async function toSatisfyProperties(this: JestMatcherContext, received: unknown, campaign: JestPropertyCampaign = {}): Promise<JestPropertyResult> {
  return inThread(this, 'toSatisfyProperties', received, campaign);
}

async function toNeverTrap(this: JestMatcherContext, received: unknown, campaign: Omit<JestPropertyCampaign, 'properties' | 'builtInProperties'> = {}): Promise<JestPropertyResult> {
  return inThread(this, 'toNeverTrap', received, campaign);
}

async function inThread(context: JestMatcherContext, matcher: PropertyMatcherName, received: unknown, campaign: JestPropertyCampaign): Promise<JestPropertyResult> {
  // Taken now, while the test's frames are on the stack: an error then points at the test line.
  const callSite = new Error();
  const fail = (error: Error): never => {
    error.stack = `${error.name}: ${error.message}\n${matcherMessage.framesOf(callSite)}`;
    throw error;
  };
  if (campaign !== undefined && campaign !== null && typeof campaign === 'object' && campaign.properties !== undefined && typeof campaign.properties !== 'string') {
    fail(new Error(`${matcher} under Jest takes \`properties\` as a module path (functions cannot leave Jest's sandbox): export them as \`properties\` from a module`));
  }
  const seed = jestSeed.jestSeed();
  const request: PropertyThreadRequest = { matcher, isNot: context.isNot === true, received, campaign, environment: seed === undefined ? {} : { defaultSeed: seed } };
  let reply: PropertyThreadReply;
  try {
    reply = await run(request);
  } catch (error) {
    const cause = error instanceof Error && error.name === 'DataCloneError' ? new Error(`${matcher} takes a component path and plain options; got something that cannot be copied (a function?)`) : error;
    return fail(cause instanceof Error ? cause : new Error(String(cause)));
  }
  if ('error' in reply) {
    const error = new Error(reply.error.message);
    error.name = reply.error.name;
    if (reply.error.code !== undefined) Object.assign(error, { code: reply.error.code });
    return fail(error);
  }
  const message = matcherMessage.printTokens(reply.message, context.utils);
  return { pass: reply.pass, message: () => message, ...(reply.proxyCounterexample === undefined ? {} : { proxyCounterexample: reply.proxyCounterexample }) };
}

/** Runs the request in a thread that ends with it. */
function run(request: PropertyThreadRequest): Promise<PropertyThreadReply> {
  const worker = new workerThreads.Worker(path.join(__dirname, '..', 'property-thread.js'), { workerData: request });
  return new Promise<PropertyThreadReply>((resolve, reject) => {
    worker.once('message', (reply: PropertyThreadReply) => {
      worker.removeAllListeners();
      void worker.terminate();
      resolve(reply);
    });
    worker.once('error', (error) => {
      worker.removeAllListeners();
      reject(new Error(`proxy-component: the property matcher's thread failed: ${error.message}`));
    });
    worker.once('exit', (code) => reject(new Error(`proxy-component: the property matcher's thread exited with code ${code}`)));
  });
}

export = {
  /** For `expect.extend` (matchers.cjs adds them to `jestMatchers`). */
  propertyMatchers: { toSatisfyProperties, toNeverTrap },
};
