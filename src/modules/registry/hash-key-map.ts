/**
 * A map from hash keys to numbers, kept in typed arrays. An import remembers a key or two for every
 * row of a file that may hold a million; as JavaScript Maps of strings and boxed numbers that is
 * several million objects for the garbage collector to walk on every full collection, here it is
 * flat arrays (12 or 20 bytes a slot) that it never looks into.
 *
 * A key is a pair of non-negative integers below 2^53, e.g. two 48-bit slices of an HMAC. Open
 * addressing with linear probing; the table doubles when half full.
 */
const EMPTY = -1;

export class HashKeyMap {
  private highs: Float64Array;
  /** made only once a key with a second part is stored: single-number keys need 12 bytes a slot, not 20 */
  private lows: Float64Array | null = null;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.highs = new Float64Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get(high: number, low = 0): number | undefined {
    const slot = this.find(high, low);
    return this.highs[slot] === EMPTY ? undefined : this.values[slot];
  }

  has(high: number, low = 0): boolean {
    return this.highs[this.find(high, low)] !== EMPTY;
  }

  /** `value`: a 32-bit signed integer (row numbers, ids, and their negatives). */
  set(high: number, low: number, value: number): void {
    assertKey(high);
    assertKey(low);
    if (!Number.isInteger(value) || value !== (value | 0)) throw new RangeError(`value out of range: ${value}`);
    if (low !== 0 && this.lows === null) this.lows = new Float64Array(this.highs.length);
    const slot = this.find(high, low);
    if (this.highs[slot] === EMPTY) {
      this.highs[slot] = high;
      if (this.lows !== null) this.lows[slot] = low;
      this.size += 1;
    }
    this.values[slot] = value;
    if (this.size * 2 > this.mask) this.grow();
  }

  /** The slot holding the key, or the empty slot where it would go. */
  private find(high: number, low: number): number {
    // keys are hashes already: their low bits are as good as any mix of them
    let slot = ((high ^ low) >>> 0) & this.mask;
    const lows = this.lows;
    for (;;) {
      const stored = this.highs[slot];
      if (stored === EMPTY || (stored === high && (lows === null ? low === 0 : lows[slot] === low))) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { highs, lows, values } = this;
    const capacity = highs.length * 2;
    this.highs = new Float64Array(capacity).fill(EMPTY);
    this.lows = lows === null ? null : new Float64Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let slot = 0; slot < highs.length; slot += 1) {
      if (highs[slot] !== EMPTY) this.set(highs[slot]!, lows === null ? 0 : lows[slot]!, values[slot]!);
    }
  }
}

function assertKey(part: number): void {
  if (!Number.isSafeInteger(part) || part < 0) throw new RangeError(`hash key part out of range: ${part}`);
}

/** The first 96 bits of a hex digest as a key pair (exact for any real file: 2^-96 per pair). */
export function hexDigestKey(hex: string): [number, number] {
  return [Number.parseInt(hex.slice(0, 12), 16), Number.parseInt(hex.slice(12, 24), 16)];
}
