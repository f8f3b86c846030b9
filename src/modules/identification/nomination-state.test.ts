import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import {
  allowedEvents,
  countsTowardQuota,
  isActive,
  nominate,
  NOMINATION_STATE_LABELS_ZH,
  NOMINATION_STATUSES,
  PROGRESS_COLUMNS,
  REMOVAL_REASONS,
  tallyProgress,
  transition,
  type NominationEvent,
  type NominationState,
} from './nomination-state.ts';

function run(events: NominationEvent[], options = {}): NominationState {
  return events.reduce((state, event) => transition(state, event, options), nominate({ consentRecorded: true }));
}

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const VERIFIED: NominationEvent[] = [{ type: 'assignVerifier' }, { type: 'recordVerification', eligible: true }];
const TWO_STEPS_APPROVED: NominationEvent[] = [
  ...VERIFIED,
  { type: 'submit' },
  { type: 'approveStep', stepIndex: 0, isLastStep: false },
  { type: 'approveStep', stepIndex: 1, isLastStep: true },
];

describe('the main path', () => {
  it('goes nominated → verified → town → district → noticed → final', () => {
    expect(run(VERIFIED)).toEqual({ status: 'verified' });
    expect(run([...VERIFIED, { type: 'submit' }])).toEqual({ status: 'in-review', stepIndex: 0 });
    expect(run([...VERIFIED, { type: 'submit' }, { type: 'approveStep', stepIndex: 0, isLastStep: false }])).toEqual({
      status: 'in-review',
      stepIndex: 1,
    });
    expect(run(TWO_STEPS_APPROVED)).toEqual({ status: 'approved' });
    expect(run([...TWO_STEPS_APPROVED, { type: 'publish' }, { type: 'lock' }])).toEqual({ status: 'final' });
  });

  it('refuses a nomination without the person knowing and agreeing', () => {
    const error = caught(() => nominate({ consentRecorded: false }));
    expect(error.code).toBe('CONSENT_REQUIRED');
    expect(error.messageZh).toContain('知情');
  });
});

describe('verification', () => {
  it('a home visit that finds the family not eligible removes the name, with the reason', () => {
    const state = run([
      { type: 'assignVerifier' },
      { type: 'recordVerification', eligible: false, reason: ' 家有轿车一辆 ' },
    ]);
    expect(state).toEqual({ status: 'rejected-by-verification', reason: '家有轿车一辆' });
    expect(isActive(state)).toBe(false);
  });

  it('not eligible without a reason is refused', () => {
    expect(caught(() => run([{ type: 'assignVerifier' }, { type: 'recordVerification', eligible: false }])).code).toBe(
      'REASON_REQUIRED',
    );
  });

  it('a name cannot go up for review unverified, unless the campaign does not verify', () => {
    const error = caught(() => run([{ type: 'submit' }]));
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.messageZh).toContain('入户核实');
    expect(run([{ type: 'submit' }], { verificationRequired: false })).toEqual({ status: 'in-review', stepIndex: 0 });
  });

  it('cannot submit while the home visit is still pending', () => {
    expect(caught(() => run([{ type: 'assignVerifier' }, { type: 'submit' }])).code).toBe('INVALID_TRANSITION');
  });
});

describe('review', () => {
  const returned = run([...VERIFIED, { type: 'submit' }, { type: 'returnStep', stepIndex: 0, reason: '缺收入证明' }]);

  it('a returned name keeps the reason and can be resubmitted from the first step', () => {
    expect(returned).toEqual({ status: 'returned', stepIndex: 0, reason: '缺收入证明' });
    expect(transition(returned, { type: 'resubmit' })).toEqual({ status: 'in-review', stepIndex: 0 });
  });

  it('approving a returned nomination is refused, naming both states in Chinese', () => {
    const error = caught(() => transition(returned, { type: 'approveStep', stepIndex: 0, isLastStep: true }));
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.messageZh).toBe('名单当前为“已退回”，不能审核通过而变为“已批准”');
    expect(error.message).toContain('returned');
  });

  it('a second reviewer approving the same step from a stale screen is refused', () => {
    const afterFirst = run([...VERIFIED, { type: 'submit' }, { type: 'approveStep', stepIndex: 0, isLastStep: false }]);
    const error = caught(() => transition(afterFirst, { type: 'approveStep', stepIndex: 0, isLastStep: false }));
    expect(error.code).toBe('REVIEW_STEP_MISMATCH');
  });

  it('approving an already approved nomination is refused (one approval, not two)', () => {
    const approved = run(TWO_STEPS_APPROVED);
    expect(caught(() => transition(approved, { type: 'approveStep', stepIndex: 1, isLastStep: true })).code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('a rejection is final and needs a reason', () => {
    const inReview = run([...VERIFIED, { type: 'submit' }]);
    expect(caught(() => transition(inReview, { type: 'rejectStep', stepIndex: 0, reason: '  ' })).code).toBe(
      'REASON_REQUIRED',
    );
    const rejected = transition(inReview, { type: 'rejectStep', stepIndex: 0, reason: '重复申报' });
    expect(allowedEvents(rejected)).toEqual([]);
  });

  it('a returned name can be sent for another home visit', () => {
    expect(transition(returned, { type: 'assignVerifier' })).toEqual({ status: 'verifying' });
  });
});

describe('notice', () => {
  const noticed = run([...TWO_STEPS_APPROVED, { type: 'publish' }]);

  it('publishing twice is refused', () => {
    expect(caught(() => transition(noticed, { type: 'publish' })).messageZh).toContain('“公示中”');
  });

  it('a sustained objection removes the name with the reason', () => {
    expect(transition(noticed, { type: 'sustainObjection', reason: '子女有固定收入' })).toEqual({
      status: 'removed-by-objection',
      reason: '子女有固定收入',
    });
  });

  it('a final list cannot be objected to or withdrawn from: only a recorded correction changes it', () => {
    const final = transition(noticed, { type: 'lock' });
    expect(allowedEvents(final)).toEqual(['correct']);
    expect(caught(() => transition(final, { type: 'sustainObjection', reason: 'x' })).code).toBe('INVALID_TRANSITION');
    expect(caught(() => transition(final, { type: 'withdraw', reason: 'x' })).code).toBe('INVALID_TRANSITION');
  });

  it('a correction takes a final name off with its reason, and only a final one', () => {
    const final = transition(noticed, { type: 'lock' });
    expect(transition(final, { type: 'correct', reason: '本人已于1月10日去世' })).toEqual({
      status: 'removed-by-correction',
      reason: '本人已于1月10日去世',
    });
    expect(caught(() => transition(final, { type: 'correct', reason: ' ' })).code).toBe('REASON_REQUIRED');
    expect(caught(() => transition(noticed, { type: 'correct', reason: 'x' })).code).toBe('INVALID_TRANSITION');
  });
});

describe('withdrawal', () => {
  it('the clerk can withdraw a name still in their hands', () => {
    expect(run([{ type: 'withdraw', reason: '本人不愿申请' }])).toEqual({
      status: 'withdrawn',
      reason: '本人不愿申请',
    });
    expect(run([...VERIFIED, { type: 'withdraw', reason: '已去世' }]).status).toBe('withdrawn');
  });

  it('cannot withdraw during the home visit or the review, to dodge a "not eligible" finding', () => {
    expect(caught(() => run([{ type: 'assignVerifier' }, { type: 'withdraw', reason: 'x' }])).code).toBe(
      'INVALID_TRANSITION',
    );
    expect(caught(() => run([...VERIFIED, { type: 'submit' }, { type: 'withdraw', reason: 'x' }])).code).toBe(
      'INVALID_TRANSITION',
    );
  });
});

describe('quota and activity', () => {
  it('names struck out after verification, review or objection still use up the quota (篇七: 不再重补名额)', () => {
    expect(countsTowardQuota({ status: 'rejected-by-verification', reason: '不符' })).toBe(true);
    expect(countsTowardQuota('rejected')).toBe(true);
    expect(countsTowardQuota('removed-by-objection')).toBe(true);
    expect(countsTowardQuota('nominated')).toBe(true);
    expect(countsTowardQuota('final')).toBe(true);
  });

  it('a name the unit withdrew gives its place back', () => {
    expect(countsTowardQuota({ status: 'withdrawn', reason: '本人不愿申请' })).toBe(false);
  });

  it('only names on their way to the list, or on it, are active', () => {
    const active = NOMINATION_STATUSES.filter((status) => isActive(status));
    expect(active).toEqual([
      'nominated',
      'verifying',
      'verified',
      'in-review',
      'returned',
      'approved',
      'noticed',
      'final',
    ]);
  });

  it('has a Chinese label for every state', () => {
    for (const status of NOMINATION_STATUSES) expect(NOMINATION_STATE_LABELS_ZH[status]).toMatch(/\S/);
  });

  it('offers the clerk the moves a freshly nominated name allows', () => {
    expect(allowedEvents({ status: 'nominated' })).toEqual(['assignVerifier', 'withdraw']);
    expect(allowedEvents({ status: 'nominated' }, { verificationRequired: false })).toEqual([
      'assignVerifier',
      'submit',
      'withdraw',
    ]);
  });
});

describe('the progress columns', () => {
  it('place every status in exactly one column or one reason for removal', () => {
    for (const status of NOMINATION_STATUSES) {
      const tally = tallyProgress([{ status, n: 1 }]);
      const columns = PROGRESS_COLUMNS.reduce((sum, column) => sum + tally[column], 0);
      const reasons = REMOVAL_REASONS.reduce((sum, reason) => sum + tally.removed[reason], 0);
      expect([status, columns + reasons]).toEqual([status, 1]);
      expect(tally.live + tally.removed.total).toBe(1);
    }
  });

  it('count 2 final and 1 removed by objection as final 2, removed 1 by objection, nothing approved', () => {
    const tally = tallyProgress([
      { status: 'final', n: 2 },
      { status: 'removed-by-objection', n: 1 },
    ]);
    expect(tally).toMatchObject({ approved: 0, noticed: 0, final: 2, live: 2, onList: 2 });
    expect(tally.removed).toEqual({
      total: 1,
      removedByObjection: 1,
      notEligible: 0,
      rejectedInReview: 0,
      removedByCorrection: 0,
      withdrawn: 0,
    });
  });

  it('do not count a name waiting in the village as sent up', () => {
    const tally = tallyProgress([
      { status: 'nominated', n: 1 },
      { status: 'verified', n: 1 },
      { status: 'returned', n: 1 },
      { status: 'in-review', n: 2 },
    ]);
    expect(tally).toMatchObject({ notSent: 3, inReview: 2, onList: 0, live: 5 });
  });
});
