import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstDuplicateKey } from '#runtime/duplicate-keys';

describe('a member named twice in a JSON body', () => {
  it('is found where it is, by its path: at the top, in a nested object, in an object of an array', () => {
    expect(firstDuplicateKey('{"quantity":1,"quantity":3}')).toBe('quantity');
    expect(firstDuplicateKey('{"email":"a@b.fr","shippingAddress":{"city":"Paris","line1":"1 rue","city":"Lyon"}}')).toBe('shippingAddress.city');
    expect(firstDuplicateKey('{"items":[{"sku":"A","quantity":1},{"sku":"B","sku":"C"}]}')).toBe('items.1.sku');
    expect(firstDuplicateKey('{"a":{"b":[[{"c":1,"c":2}]]}}')).toBe('a.b.0.0.c');
    // Empty objects and strings between elements of an array are elements, not names.
    expect(firstDuplicateKey('{"a":[{}, "s", {"k":1,"k":2}]}')).toBe('a.2.k');
    expect(firstDuplicateKey('{"a":{},"b":"x","b":"y"}')).toBe('b');
  });

  it('is not found where there is none: the same name in sibling objects, in strings, escaped', () => {
    expect(firstDuplicateKey('{"items":[{"sku":"A"},{"sku":"B"}],"sku":"C"}')).toBeUndefined();
    expect(firstDuplicateKey('{"a":"{\\"a\\":1,\\"a\\":2}","b":"}, \\"a\\":"}')).toBeUndefined();
    expect(firstDuplicateKey('{"a\\"b":1,"a\\u0022c":2}')).toBeUndefined();
    expect(firstDuplicateKey('{}')).toBeUndefined();
    expect(firstDuplicateKey('[1,2,{"x":[]}]')).toBeUndefined();
  });

  it('compares names as JSON reads them: "\\u0061" is "a"', () => {
    expect(firstDuplicateKey('{"a":1,"\\u0061":2}')).toBe('a');
  });

  it('finds none in any JSON that JSON.stringify writes (which never repeats a name), whatever it holds', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => firstDuplicateKey(JSON.stringify({ value, list: [value, value] })) === undefined), { numRuns: 300 });
  });
});
