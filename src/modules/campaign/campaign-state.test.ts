import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { assertCampaignOpenForChanges, assertMayReopen, campaignStage, mayReopen } from './campaign-state.ts';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const DISTRICT = '/1/7/';

describe('a closed campaign', () => {
  it('refuses every change (423, locked), and an open one takes them', () => {
    const error = caught(() => assertCampaignOpenForChanges({ status: 'closed' }));
    expect([error.kind, error.code]).toEqual(['locked', 'CAMPAIGN_CLOSED']);
    expect(error.messageZh).toContain('活动已结束');
    expect(() => assertCampaignOpenForChanges({ status: 'active' })).not.toThrow();
    expect(() => assertCampaignOpenForChanges({ status: 'draft' })).not.toThrow();
  });

  it('is reopened by an organiser above the organising unit or an administrator holding it, never by the organiser itself', () => {
    expect(mayReopen({ role: 'organiser', unitPath: '/1/' }, DISTRICT)).toBe(true);
    expect(mayReopen({ role: 'admin', unitPath: '/' }, DISTRICT)).toBe(true);
    expect(mayReopen({ role: 'admin', unitPath: DISTRICT }, DISTRICT)).toBe(true);
    expect(mayReopen({ role: 'organiser', unitPath: DISTRICT }, DISTRICT)).toBe(false);
    expect(mayReopen({ role: 'organiser', unitPath: '/2/' }, DISTRICT)).toBe(false);
    expect(mayReopen({ role: 'admin', unitPath: '/1/7/42/' }, DISTRICT)).toBe(false);
    expect(mayReopen({ role: 'reviewer', unitPath: '/1/' }, DISTRICT)).toBe(false);
  });

  it('needs a reason to reopen, and only a closed campaign reopens', () => {
    const superior = { role: 'organiser' as const, unitPath: '/1/' };
    const closed = { status: 'closed', organiserUnitPath: DISTRICT };
    expect(assertMayReopen(superior, closed, ' 漏报补报 ')).toBe('漏报补报');
    expect(caught(() => assertMayReopen(superior, closed, ' ')).code).toBe('REASON_REQUIRED');
    expect(caught(() => assertMayReopen(superior, { ...closed, status: 'active' }, '补报')).code).toBe(
      'CAMPAIGN_NOT_CLOSED',
    );
    expect(caught(() => assertMayReopen({ role: 'organiser', unitPath: DISTRICT }, closed, '补报')).kind).toBe(
      'forbidden',
    );
  });
});

describe('the stage a campaign list shows', () => {
  it('follows the names, not only the status', () => {
    expect(campaignStage('draft', [])).toBe('draft');
    expect(campaignStage('active', [])).toBe('nominating');
    expect(campaignStage('draft', [{ status: 'verified', n: 2 }])).toBe('nominating');
    expect(campaignStage('draft', [{ status: 'in-review', n: 1 }])).toBe('reviewing');
    expect(campaignStage('draft', [{ status: 'approved', n: 1 }])).toBe('reviewing');
    // the notice is public: that is where the campaign is, even with a village still behind
    expect(
      campaignStage('draft', [
        { status: 'noticed', n: 3 },
        { status: 'nominated', n: 1 },
      ]),
    ).toBe('notice');
    expect(
      campaignStage('active', [
        { status: 'final', n: 2 },
        { status: 'removed-by-objection', n: 1 },
      ]),
    ).toBe('final');
    expect(
      campaignStage('active', [
        { status: 'final', n: 2 },
        { status: 'in-review', n: 1 },
      ]),
    ).toBe('reviewing');
    expect(campaignStage('closed', [{ status: 'noticed', n: 3 }])).toBe('closed');
  });
});
