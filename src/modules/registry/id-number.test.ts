import { describe, expect, it } from 'vitest';
import { ageOn, maskIdNumber, maskName, normalizeIdNumber, validateIdNumber } from './id-number.ts';

/** ISO 7064 MOD 11-2 written the other way round (weights 2^(17-i) mod 11), to check the module. */
function withCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(first17[index]) * (2 ** (17 - index) % 11);
  const check = (12 - (sum % 11)) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

/** The same number with a different, wrong last character. */
function withWrongCheck(id: string): string {
  const last = id.at(-1) === '0' ? '1' : '0';
  return id.slice(0, 17) + last;
}

const TODAY = '2026-11-30';

describe('validateIdNumber', () => {
  it('accepts the GB 11643 example and reads birth date, sex and region', () => {
    expect(validateIdNumber('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
      provinceCode: '11',
    });
  });

  it('accepts numbers whose check digit is computed independently', () => {
    for (const first17 of ['32010219800101123', '44030519991231001', '65010220000229567', '81000019900615001']) {
      const result = validateIdNumber(withCheckCharacter(first17), { today: TODAY });
      expect(result.ok, first17).toBe(true);
    }
    const male = validateIdNumber(withCheckCharacter('32010219800101123'), { today: TODAY });
    expect(male.ok && male.sex).toBe('male');
  });

  it('accepts an abolished region code (320684, the old 海门市)', () => {
    const result = validateIdNumber(withCheckCharacter('32068419850312004'), { today: TODAY });
    expect(result).toMatchObject({ ok: true, regionCode: '320684', provinceCode: '32', birthDate: '1985-03-12' });
  });

  it('accepts a lower-case x, full-width digits and spaces, and returns the normalized number', () => {
    expect(validateIdNumber(' 110105 19491231 002x ', { today: TODAY })).toMatchObject({
      ok: true,
      idNumber: '11010519491231002X',
    });
    expect(validateIdNumber('１１０１０５１９４９１２３１００２Ｘ', { today: TODAY })).toMatchObject({
      ok: true,
      idNumber: '11010519491231002X',
    });
    expect(normalizeIdNumber('\u3000１１０1 0519491231002x\t')).toBe('11010519491231002X');
  });

  it('refuses a wrong check digit', () => {
    const result = validateIdNumber(withWrongCheck('11010519491231002X'), { today: TODAY });
    expect(result).toMatchObject({ ok: false, reason: 'check-digit' });
    expect(!result.ok && result.messageZh).toContain('校验位');
  });

  it('refuses impossible, future and too early birth dates', () => {
    for (const first17 of ['32010219990231001', '32010219991301001', '32010220270101001', '44052418800101001']) {
      const result = validateIdNumber(withCheckCharacter(first17), { today: TODAY });
      expect(result, first17).toMatchObject({ ok: false, reason: 'birth-date' });
    }
    expect(validateIdNumber(withCheckCharacter('32010220000229001'), { today: TODAY }).ok).toBe(true);
    expect(validateIdNumber(withCheckCharacter('32010219000229001'), { today: TODAY })).toMatchObject({
      reason: 'birth-date',
    });
  });

  it('refuses a province code that does not exist', () => {
    for (const first17 of ['99010519491231002', '10010519491231002', '24010519491231002']) {
      expect(validateIdNumber(withCheckCharacter(first17), { today: TODAY })).toMatchObject({
        ok: false,
        reason: 'province',
      });
    }
  });

  it('refuses wrong lengths and characters, with a hint for old 15-digit numbers', () => {
    expect(validateIdNumber('11010519491231002')).toMatchObject({ ok: false, reason: 'length' });
    expect(validateIdNumber('11010519491231002X1')).toMatchObject({ ok: false, reason: 'length' });
    expect(validateIdNumber('')).toMatchObject({ ok: false, reason: 'length' });
    const old = validateIdNumber('110105491231002');
    expect(!old.ok && old.messageZh).toContain('15位');
    expect(validateIdNumber('1101051949123100X2')).toMatchObject({ ok: false, reason: 'characters' });
    expect(validateIdNumber('11010519491231OO2X')).toMatchObject({ ok: false, reason: 'characters' });
  });

  it('gives English and Chinese messages', () => {
    const result = validateIdNumber('123');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/18 characters/);
      expect(result.messageZh).toMatch(/18位/);
    }
  });
});

describe('ageOn', () => {
  it('counts full years, growing older on the birthday', () => {
    expect(ageOn('1949-12-31', '2026-12-30')).toBe(76);
    expect(ageOn('1949-12-31', '2026-12-31')).toBe(77);
    expect(ageOn('1926-01-28', '2026-01-28')).toBe(100);
    expect(ageOn('2026-01-01', '2026-01-01')).toBe(0);
  });

  it('makes a 29 February birthday count on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2027-02-28')).toBe(26);
    expect(ageOn('2000-02-29', '2027-03-01')).toBe(27);
    expect(ageOn('2000-02-29', '2028-02-29')).toBe(28);
  });

  it('refuses malformed dates', () => {
    expect(() => ageOn('1999-02-31', '2026-01-01')).toThrow(RangeError);
    expect(() => ageOn('19990101', '2026-01-01')).toThrow(RangeError);
  });
});

describe('masks', () => {
  it('masks an ID number as 3206**********1234', () => {
    expect(maskIdNumber('320684198503121234')).toBe('3206**********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('1101**********002X');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('masks names: 张*明, 张*, 欧阳*明, single characters unchanged', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧阳*明');
    expect(maskName('欧阳明')).toBe('欧*明');
    expect(maskName('阿依古丽')).toBe('阿依*丽');
    expect(maskName('买买提·吐尔逊')).toBe('买*****逊');
    expect(maskName('张')).toBe('张');
    expect(maskName(' 𠮷小明 ')).toBe('𠮷*明');
  });
});
