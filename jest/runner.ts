/**
 * `proxy-component/jest/runner`: a Jest runner (create-jest-runner) for
 * projects that prefer `runner:` to the preset's transformer. Each `.trace`
 * file is one test file with one result per export call, named after the call;
 * `-t` selects calls as usual. Settings come from
 * `testEnvironmentOptions.proxyComponent`:
 *
 * ```json
 * "jest": { "projects": [
 *   { "displayName": "traces", "runner": "proxy-component/jest/runner", "testMatch": ["**\/*.trace"],
 *     "moduleFileExtensions": ["js", "trace"], "testEnvironmentOptions": { "proxyComponent": { "timeoutMs": 5000 } } },
 *   { "displayName": "unit" }
 * ] }
 * ```
 */
import runnerKit from 'create-jest-runner';
import { builtJestFile } from './built-file.js';

const ProxyTraceRunner = runnerKit.createJestRunner(builtJestFile('run-file.cjs'));

export default ProxyTraceRunner;
