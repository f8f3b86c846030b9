import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { assertMayOverride, assertNotVotedDown, voteOfDecision } from './democratic-vote.ts';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const VILLAGE = '/1/2/3/';
const override = (
  actorRole: 'reviewer' | 'organiser' | 'clerk' | 'admin',
  actorUnitPath: string,
  reason = '复核属实',
) => assertMayOverride({ actorRole, actorUnitPath, nominationUnitPath: VILLAGE, vote: 'disagreed', reason });

describe('the democratic review’s verdict (篇二)', () => {
  it('holds back a name voted down, and lets an agreed, overridden or unreviewed one go up', () => {
    expect(caught(() => assertNotVotedDown(voteOfDecision(false), '甲三')).messageZh).toBe(
      '甲三民主评议未通过，不能报送；如确需报送，须由上级审核人填写理由复核同意',
    );
    for (const vote of [voteOfDecision(true), 'overridden', null] as const)
      expect(() => assertNotVotedDown(vote, '甲一')).not.toThrow();
  });

  it('is set aside only by a reviewer or organiser above the village, with a reason', () => {
    expect(override('reviewer', '/1/2/')).toBe('复核属实');
    expect(override('organiser', '/1/', ' 复核属实 ')).toBe('复核属实');
    expect(caught(() => override('reviewer', VILLAGE)).kind).toBe('forbidden');
    expect(caught(() => override('clerk', '/1/2/')).kind).toBe('forbidden');
    expect(caught(() => override('admin', '/1/')).kind).toBe('forbidden');
    expect(caught(() => override('reviewer', '/1/2/', '  ')).code).toBe('REASON_REQUIRED');
    const agreed = caught(() =>
      assertMayOverride({
        actorRole: 'reviewer',
        actorUnitPath: '/1/2/',
        nominationUnitPath: VILLAGE,
        vote: 'agreed',
        reason: '复核',
      }),
    );
    expect(agreed.code).toBe('NOT_VOTED_DOWN');
  });
});
