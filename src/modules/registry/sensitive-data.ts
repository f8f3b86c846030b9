/**
 * Encryption at rest of ID numbers (sensitive personal information under the PIPL).
 *
 * A value is stored as `v1:<iv>:<tag>:<ciphertext>` (base64 each): AES-256-GCM with a fresh random
 * 12-byte IV, so two rows with the same number do not look alike. Finding a number or a duplicate
 * goes through `lookupHash`, a keyed HMAC-SHA256: deterministic, but useless without the key
 * (a plain SHA-256 of an ID number is reversed by trying the ~10^11 plausible numbers).
 *
 * Losing the key loses every stored ID number: the key file must be backed up with the database,
 * and never stored inside it.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { normalizeIdNumber } from './id-number.ts';

export const DATA_KEY_ENV = 'WENNUAN_DATA_KEY';
export const KEY_FILE_NAME = 'wennuan.key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT_VERSION = 'v1';
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const KEY_HINT = `generate one with: node -e "console.log(require('crypto').randomBytes(64).toString('base64'))"`;

export type SensitiveDataErrorCode = 'BAD_KEY' | 'MALFORMED_VALUE' | 'DECRYPTION_FAILED';

export class SensitiveDataError extends Error {
  constructor(
    readonly code: SensitiveDataErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SensitiveDataError';
  }
}

export interface SensitiveDataCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** HMAC-SHA256 (hex) of the normalized value: equal for equal numbers, whatever their spelling. */
  lookupHash(plain: string): string;
}

export interface DataKeys {
  key: Buffer;
  hmacKey: Buffer;
  source: 'env' | 'file' | 'created';
}

const keysOfCipher = new WeakMap<SensitiveDataCipher, { key: Buffer; hmacKey: Buffer }>();

export function createSensitiveDataCipher(key: Buffer, hmacKey: Buffer): SensitiveDataCipher {
  assertKeyLength(key, 'encryption key');
  assertKeyLength(hmacKey, 'HMAC key');
  // Copies, so that a caller zeroing or reusing its buffers cannot change the keys in use.
  const encryptionKey = Buffer.from(key);
  const macKey = Buffer.from(hmacKey);
  const cipher: SensitiveDataCipher = {
    encrypt: (plain) => encryptValue(encryptionKey, plain),
    decrypt: (stored) => decryptValue(encryptionKey, stored),
    lookupHash: (plain) => createHmac('sha256', macKey).update(normalizeIdNumber(plain), 'utf8').digest('hex'),
  };
  keysOfCipher.set(cipher, { key: encryptionKey, hmacKey: macKey });
  return cipher;
}

/** Copies of the keys behind a cipher, so a worker thread of this process can make the same cipher. */
export function copyCipherKeys(cipher: SensitiveDataCipher): { key: Buffer; hmacKey: Buffer } {
  const keys = keysOfCipher.get(cipher);
  if (!keys) throw new SensitiveDataError('BAD_KEY', 'this cipher was not made by createSensitiveDataCipher');
  return { key: Buffer.from(keys.key), hmacKey: Buffer.from(keys.hmacKey) };
}

function assertKeyLength(key: Buffer, what: string): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new SensitiveDataError('BAD_KEY', `the ${what} must be ${KEY_BYTES} bytes`);
  }
}

/**
 * GCM needs an IV that never repeats under one key. Each process (and worker thread) starts from 12 random bytes and
 * counts up in the low 8: as unlikely to collide as a fresh random IV per value, and much cheaper than
 * asking the OS for random bytes a million times in one import.
 */
const ivStart = randomBytes(IV_BYTES);
let ivCounter = ivStart.readBigUInt64BE(4);

function nextIv(): Buffer {
  const iv = Buffer.from(ivStart);
  ivCounter = (ivCounter + 1n) & 0xffffffffffffffffn;
  iv.writeBigUInt64BE(ivCounter, 4);
  return iv;
}

function encryptValue(key: Buffer, plain: string): string {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT_VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
}

function decryptValue(key: Buffer, stored: string): string {
  const { iv, tag, ciphertext } = parseStoredValue(stored);
  // authTagLength pins the tag to 16 bytes: GCM would otherwise accept a shortened tag.
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SensitiveDataError(
      'DECRYPTION_FAILED',
      'cannot decrypt a stored value: it was altered, or it was encrypted with another key',
    );
  }
}

function parseStoredValue(stored: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = stored.split(':');
  const [version, iv, tag, ciphertext] = parts;
  const isWellFormed =
    parts.length === 4 &&
    version === FORMAT_VERSION &&
    [iv, tag, ciphertext].every((part) => part !== undefined && BASE64_PATTERN.test(part));
  if (!isWellFormed || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new SensitiveDataError('MALFORMED_VALUE', `not an encrypted value in the ${FORMAT_VERSION} format`);
  }
  const parsed = {
    iv: Buffer.from(iv, 'base64'),
    tag: Buffer.from(tag, 'base64'),
    ciphertext: Buffer.from(ciphertext, 'base64'),
  };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) {
    throw new SensitiveDataError('MALFORMED_VALUE', 'an encrypted value has a wrong IV or tag length');
  }
  return parsed;
}

/**
 * The keys: from WENNUAN_DATA_KEY when set (base64 of 64 bytes: the AES key, then the HMAC key),
 * else from `<dataDir>/wennuan.key` in the same format, which is created (mode 0600) on first start.
 */
export function loadOrCreateKeys(options: { env: NodeJS.ProcessEnv; dataDir: string }): DataKeys {
  const fromEnv = options.env[DATA_KEY_ENV]?.trim();
  if (fromEnv) return { ...decodeKeyMaterial(fromEnv, `the environment variable ${DATA_KEY_ENV}`), source: 'env' };
  const keyFile = path.join(options.dataDir, KEY_FILE_NAME);
  const existing = readKeyFile(keyFile);
  if (existing !== null) return { ...decodeKeyMaterial(existing, `the key file ${keyFile}`), source: 'file' };
  const created = createKeyFile(keyFile);
  return { ...decodeKeyMaterial(created.text, `the key file ${keyFile}`), source: created.isNew ? 'created' : 'file' };
}

function decodeKeyMaterial(text: string, where: string): { key: Buffer; hmacKey: Buffer } {
  const compact = text.replace(/\s+/g, '');
  const bytes = BASE64_PATTERN.test(compact) ? Buffer.from(compact, 'base64') : null;
  if (bytes === null || bytes.length !== 2 * KEY_BYTES) {
    const got = bytes === null ? 'it is not base64' : `it decodes to ${bytes.length} bytes`;
    throw new SensitiveDataError(
      'BAD_KEY',
      `${where} must hold the base64 of ${2 * KEY_BYTES} random bytes, but ${got}; ${KEY_HINT}`,
    );
  }
  return { key: bytes.subarray(0, KEY_BYTES), hmacKey: bytes.subarray(KEY_BYTES) };
}

function readKeyFile(keyFile: string): string | null {
  try {
    return readFileSync(keyFile, 'utf8');
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
}

/**
 * Writes a new key to a temporary file, then links it into place: the key file appears whole or
 * not at all, and when two processes start at once the second one reads the first one's key
 * instead of overwriting it (which would make everything encrypted meanwhile unreadable).
 */
function createKeyFile(keyFile: string): { text: string; isNew: boolean } {
  mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const text = `${randomBytes(2 * KEY_BYTES).toString('base64')}\n`;
  const temporary = `${keyFile}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, keyFile);
    return { text, isNew: true };
  } catch (error) {
    if (!isErrorCode(error, 'EEXIST')) throw error;
    return { text: readFileSync(keyFile, 'utf8'), isNew: false };
  } finally {
    unlinkSync(temporary);
  }
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
