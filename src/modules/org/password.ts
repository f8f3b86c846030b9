import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { invalid } from '../shared/errors.ts';
import { MIN_PASSWORD_LENGTH, passwordHoldsUsername } from './account.ts';

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

export const MAX_PASSWORD_LENGTH = 200;

/**
 * At least MIN_PASSWORD_LENGTH characters, not on the list of common passwords (nor one short unit
 * repeated, "abcabcabcabc"), and not holding the username: the first guesses anyone tries, and
 * sign-in allows five before the account locks.
 */
export function assertPasswordStrength(password: string, username: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(
      'PASSWORD_TOO_SHORT',
      `password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      `密码至少需要${MIN_PASSWORD_LENGTH}个字符`,
      field,
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH)
    throw invalid('PASSWORD_TOO_LONG', 'password is too long', '密码过长', field);
  if (passwordHoldsUsername(password, username)) {
    throw invalid('PASSWORD_HAS_USERNAME', 'the password must not contain the username', '密码不能包含用户名', field);
  }
  if (isCommonPassword(password.toLowerCase())) {
    throw invalid(
      'PASSWORD_COMMON',
      'this is one of the most common passwords, easy to guess: choose another',
      '这是常见密码，很容易被猜中，请换一个',
      field,
    );
  }
}

let commonPasswords: Set<string> | null = null;

function isCommonPassword(lowerCase: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords.has(lowerCase) || /^(.{1,4})\1+$/.test(lowerCase);
}

/** A one-time password that is easy to type: no 0/O/1/l confusion. */
export function generatePassword(length = 12): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
