import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/load-demo.ts';
import { TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { assertPasswordStrength, generatePassword } from './password.ts';

function refusal(password: string, username = 'wang'): string | null {
  try {
    assertPasswordStrength(password, username);
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('assertPasswordStrength', () => {
  it('accepts the demo and test passwords for the accounts that use them', () => {
    for (const username of ['organiser', 'reviewer', 'supervisor', 'clerk-town', 'admin', 'u_a1b2c3']) {
      expect(refusal(DEMO_PASSWORD, username)).toBeNull();
      expect(refusal(TEST_PASSWORD, username)).toBeNull();
    }
  });

  it('refuses fewer than 10 characters', () => {
    expect(refusal('12345678')).toBe('PASSWORD_TOO_SHORT');
    expect(refusal('password')).toBe('PASSWORD_TOO_SHORT');
    expect(refusal('9-chars!!')).toBe('PASSWORD_TOO_SHORT');
  });

  it('refuses the common passwords, Chinese favourites among them, in any case', () => {
    for (const password of [
      'woaini1314',
      '123456789a',
      'qwertyuiop',
      '1qaz2wsx3edc',
      '5201314520',
      'zhang123456',
      'Admin@123456',
      'P@ssw0rd2024',
      'PASSWORD123',
      'woaini2027',
    ]) {
      expect(refusal(password), password).toBe('PASSWORD_COMMON');
    }
  });

  it('refuses a short unit repeated', () => {
    expect(refusal('abcabcabcabc')).toBe('PASSWORD_COMMON');
    expect(refusal('zzzzzzzzzzzzzzz')).toBe('PASSWORD_COMMON');
  });

  it('refuses a password holding the username', () => {
    expect(refusal('Wang-2027-winter', 'wang')).toBe('PASSWORD_HAS_USERNAME');
    expect(refusal('li.ming.password', 'li.ming')).toBe('PASSWORD_HAS_USERNAME');
  });

  it('accepts what is long, uncommon and not the username', () => {
    expect(refusal('冬日送温暖-2027')).toBeNull();
    expect(refusal('horse-battery-staple')).toBeNull();
    expect(refusal(generatePassword())).toBeNull();
  });
});
