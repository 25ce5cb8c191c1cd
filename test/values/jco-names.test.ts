import { describe, expect, it } from 'vitest';
import { jcoPropertyName } from '../../src/values/jco-names.js';

describe('jcoPropertyName', () => {
  it.each([
    ['field-one', 'fieldOne'],
    ['http-URL', 'httpUrl'],
    ['HTTP-url', 'httpUrl'],
    ['x-URL-y2', 'xUrlY2'],
    ['a-b-c', 'aBC'],
    ['a1-b', 'a1B'],
    ['ab2-cd', 'ab2Cd'],
    ['x1y', 'x1y'],
    ['class', 'class'],
    ['to-string', 'toString'],
  ])('spells %s as %s, like jco (heck lower camel case, no keyword escaping)', (wit, js) => {
    expect(jcoPropertyName(wit)).toBe(js);
  });
});
