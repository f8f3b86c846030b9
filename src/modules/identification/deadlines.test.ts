import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import {
  assertCanSubmit,
  assertDeadlineConfig,
  firstDeadlineStanding,
  requiredByFirstDeadline,
  submissionWindow,
} from './deadlines.ts';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

// 篇七: receiving from 2021-12-21, 70% by 12-24, the rest by 2022-01-04, late ones refused
const PIAN_QI = { opensOn: '2021-12-21', firstDeadline: '2021-12-24', finalDeadline: '2022-01-04', share: 0.7 };

describe('the final deadline, in Beijing time', () => {
  it('at 2022-01-04 23:59 Beijing time submissions are open, at 00:00 on the 5th they are refused', () => {
    expect(() => assertCanSubmit({ ...PIAN_QI, now: '2022-01-04T23:59:00+08:00' })).not.toThrow();
    expect(() => assertCanSubmit({ ...PIAN_QI, now: '2022-01-04T23:59:59.999+08:00' })).not.toThrow();
    const error = caught(() => assertCanSubmit({ ...PIAN_QI, now: '2022-01-05T00:00:00+08:00' }));
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('DEADLINE_PASSED');
    expect(error.messageZh).toBe('已过2022年1月4日的报送截止日期，逾期不接收申报');
  });

  it('the same instants written in UTC give the same answers, whatever the server zone', () => {
    expect(() => assertCanSubmit({ ...PIAN_QI, now: '2022-01-04T15:59:59Z' })).not.toThrow();
    expect(() => assertCanSubmit({ ...PIAN_QI, now: '2022-01-04T16:00:00Z' })).toThrow(DomainError);
  });

  it('before the opening day submissions are not yet accepted, and the refusal names the day', () => {
    const early = caught(() => assertCanSubmit({ ...PIAN_QI, now: '2021-12-20T23:59:00+08:00' }));
    expect(early.code).toBe('SUBMISSIONS_NOT_OPEN');
    expect(early.messageZh).toBe('申报将于2021年12月21日开始，此前不接收申报');
    expect(() => assertCanSubmit({ ...PIAN_QI, now: '2021-12-21T00:00:00+08:00' })).not.toThrow();
  });

  it('a time without an offset is refused rather than read in the server zone', () => {
    expect(() => assertCanSubmit({ ...PIAN_QI, now: '2022-01-04T23:59:00' })).toThrow(RangeError);
  });
});

describe('the 70% target', () => {
  it('is ceil(share × quota), without floating point surprises', () => {
    expect(requiredByFirstDeadline(0.7, 100)).toBe(70);
    expect(requiredByFirstDeadline(0.7, 9)).toBe(7);
    expect(requiredByFirstDeadline(0.7, 3)).toBe(3);
    expect(requiredByFirstDeadline(0.7, 188)).toBe(132);
    expect(requiredByFirstDeadline(0.7, 0)).toBe(0);
    expect(requiredByFirstDeadline(1, 9)).toBe(9);
  });

  it('before 12-24 ends, a village of 9 is told to send at least 7', () => {
    const window = submissionWindow({ ...PIAN_QI, now: '2021-12-24T20:00:00+08:00', quota: 9, submitted: 3 });
    expect(window).toMatchObject({ phase: 'first', isOpen: true, isLate: false, requiredByFirstDeadline: 7 });
    expect(window.messageZh).toBe(
      '请于2021年12月24日前至少报送7个（名额9个的70%），已报3个；剩余名额须于2022年1月4日前报送，逾期不接收申报',
    );
  });

  it('after 12-24, a village that sent only 3 of the 7 due is shown as late, and may still send', () => {
    const window = submissionWindow({ ...PIAN_QI, now: '2021-12-25T00:00:00+08:00', quota: 9, submitted: 3 });
    expect(window).toMatchObject({ phase: 'final', isOpen: true, isLate: true, missingByFirstDeadline: 4 });
    expect(window.messageZh).toContain('尚差4个');
  });

  it('a village that sent its 7 in time is not late', () => {
    const window = submissionWindow({ ...PIAN_QI, now: '2021-12-28T10:00:00+08:00', quota: 9, submitted: 7 });
    expect(window).toMatchObject({ isOpen: true, isLate: false, missingByFirstDeadline: 0 });
    expect(window.messageZh).toBe('名额9个，已报7个；剩余名额须于2022年1月4日前报送，逾期不接收申报');
  });

  it('after 01-04 the window is closed', () => {
    const window = submissionWindow({ ...PIAN_QI, now: '2022-01-05T08:00:00+08:00', quota: 9, submitted: 8 });
    expect(window).toMatchObject({ phase: 'closed', isOpen: false });
    expect(window.messageZh).toContain('逾期不接收申报');
  });

  it('a campaign without deadlines is always open and nobody is late', () => {
    expect(submissionWindow({ now: '2030-01-01T00:00:00Z', quota: 5, submitted: 0 })).toMatchObject({
      phase: 'final',
      isOpen: true,
      isLate: false,
      requiredByFirstDeadline: 0,
    });
  });
});

describe('deadline settings', () => {
  it('refuses a first deadline after the final one, a bad date, or a share above 100%', () => {
    expect(caught(() => assertDeadlineConfig({ firstDeadline: '2022-01-05', finalDeadline: '2022-01-04' })).code).toBe(
      'DEADLINE_ORDER',
    );
    expect(caught(() => assertDeadlineConfig({ finalDeadline: '2022-02-30' })).details[0]?.field).toBe('finalDeadline');
    expect(caught(() => assertDeadlineConfig({ share: 1.2 })).code).toBe('DEADLINE_SHARE_INVALID');
    expect(() => assertDeadlineConfig(PIAN_QI)).not.toThrow();
  });
});

describe('standing against the first deadline', () => {
  const standing = (now: string, quota: number, submitted: number) =>
    firstDeadlineStanding({ now, firstDeadline: PIAN_QI.firstDeadline, share: 0.7, quota, submitted });

  it('is not late, and misses nothing, until 12-24 is over', () => {
    expect(standing('2021-12-24T23:59:00+08:00', 9, 3)).toEqual({
      deadline: '2021-12-24',
      hasPassed: false,
      required: 7,
      submitted: 3,
      isLate: false,
      missing: 0,
    });
  });

  it('after 12-24, 3 of 7 due is late with 4 missing; 7 is on track', () => {
    expect(standing('2021-12-25T00:00:00+08:00', 9, 3)).toMatchObject({ hasPassed: true, isLate: true, missing: 4 });
    expect(standing('2021-12-25T00:00:00+08:00', 9, 7)).toMatchObject({ isLate: false, missing: 0 });
  });

  it('has nothing to stand against without a first deadline', () => {
    expect(
      firstDeadlineStanding({ now: '2021-12-25T00:00:00Z', firstDeadline: null, share: 0.7, quota: 9, submitted: 0 }),
    ).toBeNull();
  });
});
