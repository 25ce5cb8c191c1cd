/** Which authorities `--allow-host` grants outgoing HTTP to (see host/wasi.ts). */
import { describe, expect, it } from 'vitest';
import { isGranted } from '../../src/host/wasi.js';

describe('isGranted', () => {
  it('grants a named host:port exactly, and a bare host on any port, ignoring case', () => {
    expect(isGranted('127.0.0.1:8081', ['127.0.0.1:8081'])).toBe(true);
    expect(isGranted('127.0.0.1:8082', ['127.0.0.1:8081'])).toBe(false);
    expect(isGranted('API.example.com:443', ['api.example.com'])).toBe(true);
    expect(isGranted('api.example.com', ['api.example.com:443'])).toBe(false);
    expect(isGranted('evil.example.com', ['example.com'])).toBe(false);
  });

  it('grants nothing to a request without authority, or when no host is named', () => {
    expect(isGranted(undefined, ['localhost'])).toBe(false);
    expect(isGranted('localhost:80', [])).toBe(false);
  });
});
