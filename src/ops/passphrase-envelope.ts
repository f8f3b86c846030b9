/**
 * The data key travels in a backup sealed by a passphrase the operator chooses: scrypt stretches the
 * passphrase into a key, AES-256-GCM seals the data key with it. Without the passphrase the backup's
 * ID numbers stay unreadable, which is the point when the file is kept off site.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

export interface SealedKey {
  kdf: 'scrypt';
  /** scrypt cost parameters, kept with the envelope so they can be raised later */
  n: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  sealed: string;
}

export class PassphraseError extends Error {}

const MIN_PASSPHRASE_LENGTH = 10;
const COST = { n: 2 ** 15, r: 8, p: 1 };

export function assertUsablePassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
    throw new PassphraseError(`the backup passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long`);
}

export function sealWithPassphrase(secret: Buffer, passphrase: string): SealedKey {
  assertUsablePassphrase(passphrase);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', stretch(passphrase, salt, COST), iv);
  const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...COST,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    sealed: sealed.toString('base64'),
  };
}

export function openWithPassphrase(envelope: SealedKey, passphrase: string): Buffer {
  const key = stretch(passphrase, Buffer.from(envelope.salt, 'base64'), envelope);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(envelope.sealed, 'base64')), decipher.final()]);
  } catch {
    throw new PassphraseError('the passphrase does not open this backup’s data key (wrong passphrase?)');
  }
}

function stretch(passphrase: string, salt: Buffer, cost: { n: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, {
    N: cost.n,
    r: cost.r,
    p: cost.p,
    maxmem: 256 * cost.n * cost.r,
  });
}
