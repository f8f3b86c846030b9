import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import {
  assertCanLock,
  isNoticeOpen,
  normalizeTrackingCode,
  noticeEntry,
  noticePeriod,
  OBJECTION_TEXT_MAX,
  TRACKING_CODE_ALPHABET,
  trackingCode,
  validateObjectionText,
} from './public-notice.ts';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('a line on the notice', () => {
  it('shows 张*明, the category and the amount in yuan, and nothing else', () => {
    const person = { name: '张小明', idNumber: '11010519491231002X', phone: '13800000000', address: '海门镇1号' };
    const entry = noticeEntry(person, { name: '特别贫困家庭' }, 200_000);
    expect(entry).toEqual({
      maskedName: '张*明',
      category: '特别贫困家庭',
      amountYuan: '2,000.00',
      amountText: '2,000.00元',
    });
    const printed = JSON.stringify(entry);
    expect(printed).not.toContain('1101');
    expect(printed).not.toContain('1234');
    expect(printed).not.toContain('138');
    expect(printed).not.toContain('小');
  });

  it('masks two- and four-character names as public lists do', () => {
    expect(noticeEntry({ name: '李明' }, '困难家庭', 60_000).maskedName).toBe('李*');
    expect(noticeEntry({ name: '欧阳娜娜' }, '困难家庭', 60_000).maskedName).toBe('欧阳*娜');
  });

  it('refuses a negative or fractional amount', () => {
    expect(() => noticeEntry({ name: '李明' }, '困难家庭', -1)).toThrow(RangeError);
    expect(() => noticeEntry({ name: '李明' }, '困难家庭', 0.5)).toThrow(RangeError);
  });
});

describe('the notice period', () => {
  const period = noticePeriod('2022-01-10T15:00:00+08:00');

  it('runs 3 days by default, the publishing day first, to the end of the last day in Beijing', () => {
    expect(period).toEqual({
      publishedAt: '2022-01-10T07:00:00.000Z',
      firstDay: '2022-01-10',
      lastDay: '2022-01-12',
      endsAt: '2022-01-12T16:00:00.000Z',
      textZh: '2022年1月10日至2022年1月12日',
    });
  });

  it('is open at 23:59 on the last day and closed at 00:00 the day after', () => {
    expect(isNoticeOpen(period, '2022-01-12T23:59:59+08:00')).toBe(true);
    expect(isNoticeOpen(period, '2022-01-13T00:00:00+08:00')).toBe(false);
    expect(isNoticeOpen(period, '2022-01-10T14:59:00+08:00')).toBe(false);
  });

  it('counts the day in China, not in UTC: published at 07:00 Beijing (23:00 UTC the day before)', () => {
    expect(noticePeriod('2022-01-09T23:00:00Z', 5)).toMatchObject({ firstDay: '2022-01-10', lastDay: '2022-01-14' });
  });

  it('the list cannot be locked while the notice runs or an objection is open', () => {
    expect(caught(() => assertCanLock({ period, now: '2022-01-12T23:00:00+08:00', openObjections: 0 })).code).toBe(
      'NOTICE_STILL_OPEN',
    );
    const error = caught(() => assertCanLock({ period, now: '2022-01-13T09:00:00+08:00', openObjections: 2 }));
    expect(error.code).toBe('OBJECTIONS_OPEN');
    expect(error.messageZh).toBe('尚有2条异议未处理完毕，不能锁定名单');
    expect(() => assertCanLock({ period, now: '2022-01-13T09:00:00+08:00', openObjections: 0 })).not.toThrow();
  });

  it('refuses a period of 0 days', () => {
    expect(() => noticePeriod('2022-01-10T15:00:00+08:00', 0)).toThrow(RangeError);
  });
});

describe('tracking codes', () => {
  it('are 8 characters without 0, O, 1 or I, and differ each time', () => {
    const codes = Array.from({ length: 200 }, () => trackingCode());
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(new Set(codes).size).toBe(200);
    expect(TRACKING_CODE_ALPHABET).toHaveLength(32);
  });

  it('are found again however the objector types them', () => {
    const code = trackingCode();
    expect(normalizeTrackingCode(` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `)).toBe(code);
    expect(normalizeTrackingCode('ＡＢＣＤ２３４５')).toBe('ABCD2345');
    expect(normalizeTrackingCode('ABCD0123')).toBeNull();
    expect(normalizeTrackingCode('ABC')).toBeNull();
  });
});

describe('objection text', () => {
  it('keeps plain text, line breaks included, without control characters', () => {
    expect(validateObjectionText('  该户家中有轿车\r\n子女在外经商\u0000\u202E  ')).toBe(
      '该户家中有轿车\n子女在外经商',
    );
  });

  it('an empty objection is refused, naming the field', () => {
    const error = caught(() => validateObjectionText(' \u0007 ', 'content'));
    expect(error.code).toBe('OBJECTION_TEXT_REQUIRED');
    expect(error.details).toEqual([expect.objectContaining({ field: 'content' })]);
    expect(caught(() => validateObjectionText(undefined)).code).toBe('OBJECTION_TEXT_REQUIRED');
  });

  it('a 1 MB objection is refused with the length', () => {
    const error = caught(() => validateObjectionText('举'.repeat(1_000_000)));
    expect(error.code).toBe('OBJECTION_TEXT_TOO_LONG');
    expect(error.messageZh).toBe('异议内容不能超过2000字（当前1000000字）');
    expect(error.details[0]?.field).toBe('text');
  });

  it('exactly 2000 characters are accepted, counting characters not UTF-16 units', () => {
    expect(validateObjectionText('举'.repeat(OBJECTION_TEXT_MAX))).toHaveLength(OBJECTION_TEXT_MAX);
    expect(Array.from(validateObjectionText('𠮷'.repeat(OBJECTION_TEXT_MAX)))).toHaveLength(OBJECTION_TEXT_MAX);
  });

  it('script markup is refused', () => {
    for (const text of [
      '<script>alert(1)</script>',
      '< SCRIPT src=x>',
      '<img src=x onerror=alert(1)>',
      'javascript:alert(1)',
    ]) {
      expect(caught(() => validateObjectionText(text)).code).toBe('OBJECTION_TEXT_MARKUP');
    }
  });

  it('ordinary comparisons and angle brackets in prose are fine', () => {
    expect(validateObjectionText('月收入>3000元，<低保线>不符')).toBe('月收入>3000元，<低保线>不符');
  });
});
