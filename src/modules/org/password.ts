import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { invalid } from '../shared/errors.ts';

// @node-rs/argon2 defaults to argon2id; these are OWASP's minimums for it (19 MiB, t=2, p=1).
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const MIN_PASSWORD_LENGTH = 8;

export function assertPasswordStrength(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(
      'PASSWORD_TOO_SHORT',
      `password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      `密码至少需要${MIN_PASSWORD_LENGTH}个字符`,
      field,
    );
  }
  if (password.length > 200) throw invalid('PASSWORD_TOO_LONG', 'password is too long', '密码过长', field);
}

/** A one-time password that is easy to type: no 0/O/1/l confusion. */
export function generatePassword(length = 12): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
