import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { HashKeyMap, hexDigestKey } from './hash-key-map.ts';

describe('HashKeyMap', () => {
  it('finds what was stored and nothing else, across growth', () => {
    const map = new HashKeyMap(16);
    for (let i = 0; i < 5000; i += 1) map.set(i * 7919, i % 3, i);
    expect(map.size).toBe(5000);
    expect(map.get(7919 * 1234, 1234 % 3)).toBe(1234);
    expect(map.get(7919 * 1234, (1234 % 3) + 1)).toBeUndefined();
    expect(map.has(7919 * 5000, 5000 % 3)).toBe(false);
  });

  it('keeps keys that share their low bits apart', () => {
    const map = new HashKeyMap(16);
    const base = 2 ** 40;
    map.set(base, 0, 1);
    map.set(base * 2, 0, 2);
    map.set(base, 2 ** 33, 3);
    expect([map.get(base), map.get(base * 2), map.get(base, 2 ** 33)]).toEqual([1, 2, 3]);
  });

  it('overwrites the value of a key it holds, and negative values are kept', () => {
    const map = new HashKeyMap();
    map.set(42, 0, -7);
    map.set(42, 0, 99);
    expect(map.get(42)).toBe(99);
    expect(map.size).toBe(1);
  });

  it('keeps single-number keys apart from pairs stored after them, across growth', () => {
    const map = new HashKeyMap(16);
    for (let i = 1; i <= 100; i += 1) map.set(i, 0, i);
    map.set(5, 9, -5);
    for (let i = 101; i <= 400; i += 1) map.set(i, 0, i);
    expect([map.get(5), map.get(5, 9), map.get(400), map.get(6, 9)]).toEqual([5, -5, 400, undefined]);
  });

  it('refuses values that are not 32-bit integers', () => {
    const map = new HashKeyMap();
    expect(() => map.set(1, 0, 2 ** 31)).toThrow(RangeError);
    expect(() => map.set(1, 0, 0.5)).toThrow(RangeError);
    map.set(1, 0, -(2 ** 31));
    expect(map.get(1)).toBe(-(2 ** 31));
  });

  it('refuses keys that are not non-negative safe integers', () => {
    const map = new HashKeyMap();
    expect(() => map.set(-1, 0, 1)).toThrow(RangeError);
    expect(() => map.set(2 ** 53, 0, 1)).toThrow(RangeError);
    expect(() => map.set(1.5, 0, 1)).toThrow(RangeError);
  });

  it('keys a hex digest by its first 96 bits', () => {
    const digest = createHmac('sha256', 'k').update('320684193001010007').digest('hex');
    const [high, low] = hexDigestKey(digest);
    expect(high).toBe(Number.parseInt(digest.slice(0, 12), 16));
    expect(low).toBe(Number.parseInt(digest.slice(12, 24), 16));
    expect(hexDigestKey(digest.slice(0, 24) + '0'.repeat(40))).toEqual([high, low]);
  });
});
