import type { Role } from './roles.ts';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitName: string;
  unitPath: string;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  disabled: boolean;
}

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 12;

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;
/** The server also refuses common passwords and any holding the username (password.ts). */
export const MIN_PASSWORD_LENGTH = 10;

/** The part of the password rules the web app checks as you type. */
export function passwordHoldsUsername(password: string, username: string): boolean {
  return username !== '' && password.toLowerCase().includes(username.toLowerCase());
}

/** After MAX_FAILED_SIGN_INS wrong passwords in a row the account is locked for LOCK_MINUTES. */
export function lockUntilAfterFailure(failedAttempts: number, now: Date): string | null {
  if (failedAttempts < MAX_FAILED_SIGN_INS) return null;
  return new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
}

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil > now.toISOString();
}
