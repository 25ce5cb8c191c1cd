/**
 * A worker thread running one property matcher for Jest (started by
 * jest/sandbox/property.cjs, which cannot load ESM inside Jest's sandbox):
 * takes the request as `workerData`, answers once with the outcome, its
 * printed values as tokens for the sandbox to print with Jest's own utils
 * (see PRINT_TOKEN), or with the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isProxyComponentError } from '../src/errors.js';
import type { PropertyCampaign } from '../matchers/property-campaign.js';
import type { FuzzCounterexample } from '../matchers/property-report.js';
import { checkProperties, type CampaignEnvironment, type PropertyMatcherName } from '../matchers/property.js';
import { printToken } from './protocol.js';

export interface PropertyThreadRequest {
  readonly matcher: PropertyMatcherName;
  readonly isNot: boolean;
  readonly received: unknown;
  readonly campaign: PropertyCampaign;
  readonly environment: CampaignEnvironment;
}

export type PropertyThreadReply =
  | { readonly pass: boolean; readonly message: string; readonly proxyCounterexample?: FuzzCounterexample }
  | { readonly error: { readonly name: string; readonly message: string; readonly code?: string } };

async function answer(request: PropertyThreadRequest): Promise<PropertyThreadReply> {
  const context = { isNot: request.isNot, utils: { printReceived: (value: unknown) => printToken('R', value), printExpected: (value: unknown) => printToken('E', value) } };
  try {
    const outcome = await checkProperties(context, request.received, request.campaign, request.environment, request.matcher);
    return { pass: outcome.pass, message: outcome.message(), ...(outcome.proxyCounterexample === undefined ? {} : { proxyCounterexample: outcome.proxyCounterexample }) };
  } catch (error) {
    if (isProxyComponentError(error)) return { error: { name: error.name, message: error.message, code: error.code } };
    return { error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } };
  }
}

const port = parentPort;
if (port !== null) {
  void answer(workerData as PropertyThreadRequest).then((reply) => port.postMessage(reply));
}
