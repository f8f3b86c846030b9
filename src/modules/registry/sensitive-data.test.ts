import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSensitiveDataCipher, loadOrCreateKeys, SensitiveDataError } from './sensitive-data.ts';

const ID = '11010519491231002X';

function newCipher() {
  return createSensitiveDataCipher(randomBytes(32), randomBytes(32));
}

/** Flips one bit of the ciphertext part of a stored value. */
function tamper(stored: string): string {
  const [version, iv, tag, ciphertext] = stored.split(':');
  const bytes = Buffer.from(ciphertext ?? '', 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return [version, iv, tag, bytes.toString('base64')].join(':');
}

describe('createSensitiveDataCipher', () => {
  it('decrypts what it encrypts, in the v1:iv:tag:ciphertext format', () => {
    const cipher = newCipher();
    const stored = cipher.encrypt(ID);
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(ID);
    expect(cipher.decrypt(stored)).toBe(ID);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
    expect(cipher.decrypt(cipher.encrypt('住址：幸福路1号'))).toBe('住址：幸福路1号');
  });

  it('gives a different stored value each time for the same number', () => {
    const cipher = newCipher();
    const first = cipher.encrypt(ID);
    const second = cipher.encrypt(ID);
    expect(first).not.toBe(second);
    expect(first.split(':')[1]).not.toBe(second.split(':')[1]);
  });

  it('makes equal lookup hashes for equal numbers, whatever their spelling, and differs with another key', () => {
    const key = randomBytes(32);
    const hmacKey = randomBytes(32);
    const cipher = createSensitiveDataCipher(key, hmacKey);
    expect(cipher.lookupHash(ID)).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.lookupHash(ID)).toBe(cipher.lookupHash(' 11010519491231002x '));
    expect(cipher.lookupHash(ID)).toBe(createSensitiveDataCipher(randomBytes(32), hmacKey).lookupHash(ID));
    expect(cipher.lookupHash(ID)).not.toBe(cipher.lookupHash('110105194912310036'));
    expect(cipher.lookupHash(ID)).not.toBe(createSensitiveDataCipher(key, randomBytes(32)).lookupHash(ID));
  });

  it('refuses a tampered value or a wrong key with a clear error', () => {
    const cipher = newCipher();
    const stored = cipher.encrypt(ID);
    expect(() => cipher.decrypt(tamper(stored))).toThrow(/altered|another key/);
    expect(() => newCipher().decrypt(stored)).toThrow(SensitiveDataError);
    const [version, iv, tag, ciphertext] = stored.split(':');
    const otherTag = Buffer.from(tag ?? '', 'base64');
    otherTag[15] = (otherTag[15] ?? 0) ^ 1;
    expect(() => cipher.decrypt([version, iv, otherTag.toString('base64'), ciphertext].join(':'))).toThrow(
      expect.objectContaining({ code: 'DECRYPTION_FAILED' }),
    );
  });

  it('refuses malformed values, a shortened tag and short keys', () => {
    const cipher = newCipher();
    const [, iv, tag, ciphertext] = cipher.encrypt(ID).split(':');
    const shortTag = Buffer.from(tag ?? '', 'base64')
      .subarray(0, 4)
      .toString('base64');
    for (const bad of [ID, 'v2:a:b:c', `v1:${iv}:${tag}`, `v1:${iv}:${shortTag}:${ciphertext}`, `v1:${iv}:${tag}:%%`]) {
      expect(() => cipher.decrypt(bad), bad).toThrow(expect.objectContaining({ code: 'MALFORMED_VALUE' }));
    }
    expect(() => createSensitiveDataCipher(randomBytes(16), randomBytes(32))).toThrow(/32 bytes/);
  });
});

describe('loadOrCreateKeys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wennuan-keys-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the key file with mode 0600 (and its directory) on first start, then reuses it', () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const created = loadOrCreateKeys({ env: {}, dataDir });
    expect(created.source).toBe('created');
    expect(created.key).toHaveLength(32);
    expect(created.hmacKey).toHaveLength(32);
    expect(created.key.equals(created.hmacKey)).toBe(false);
    const keyFile = path.join(dataDir, 'wennuan.key');
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(64);

    const reused = loadOrCreateKeys({ env: {}, dataDir });
    expect(reused.source).toBe('file');
    expect(reused.key.equals(created.key)).toBe(true);
    expect(reused.hmacKey.equals(created.hmacKey)).toBe(true);

    const stored = createSensitiveDataCipher(created.key, created.hmacKey).encrypt(ID);
    expect(createSensitiveDataCipher(reused.key, reused.hmacKey).decrypt(stored)).toBe(ID);
  });

  it('takes the key from WENNUAN_DATA_KEY before any file', () => {
    loadOrCreateKeys({ env: {}, dataDir: dir });
    const material = randomBytes(64);
    const keys = loadOrCreateKeys({ env: { WENNUAN_DATA_KEY: material.toString('base64') }, dataDir: dir });
    expect(keys.source).toBe('env');
    expect(keys.key.equals(material.subarray(0, 32))).toBe(true);
    expect(keys.hmacKey.equals(material.subarray(32))).toBe(true);
  });

  it('does not create a key file when the environment gives the key', () => {
    const dataDir = path.join(dir, 'unused');
    loadOrCreateKeys({ env: { WENNUAN_DATA_KEY: randomBytes(64).toString('base64') }, dataDir });
    expect(() => statSync(path.join(dataDir, 'wennuan.key'))).toThrow();
  });

  it('explains a malformed environment key', () => {
    for (const bad of [
      randomBytes(32).toString('base64'),
      'not base64 at all!',
      `${randomBytes(64).toString('hex')}`,
    ]) {
      expect(() => loadOrCreateKeys({ env: { WENNUAN_DATA_KEY: bad }, dataDir: dir })).toThrow(
        /WENNUAN_DATA_KEY must hold the base64 of 64 random bytes/,
      );
    }
  });

  it('explains a malformed key file instead of replacing it', () => {
    const keyFile = path.join(dir, 'wennuan.key');
    writeFileSync(keyFile, 'garbage\n');
    expect(() => loadOrCreateKeys({ env: {}, dataDir: dir })).toThrow(/wennuan\.key must hold the base64/);
    expect(readFileSync(keyFile, 'utf8')).toBe('garbage\n');
  });
});
