/**
 * Where a campaign stands: closing it freezes everything in it; only the organiser's superior (or an
 * administrator above it) reopens it, with a reason; and the stage shown in lists is derived from
 * the status and where the names are, so a campaign whose notice is public never reads "draft". Pure.
 */
import { tallyProgress, type NominationStatus, type ProgressTally } from '../identification/nomination-state.ts';
import type { Role } from '../org/roles.ts';
import { DomainError, forbidden, invalid } from '../shared/errors.ts';
import type { CampaignStatus } from './campaign.ts';

/** The one check every write path of a campaign (plan, quotas, names, notices, answers) makes. */
export function assertCampaignOpenForChanges(campaign: { status: CampaignStatus | string }): void {
  if (campaign.status !== 'closed') return;
  throw new DomainError(
    'locked',
    'CAMPAIGN_CLOSED',
    'the campaign is closed: nothing in it can change unless the unit above reopens it',
    '活动已结束，所有内容已冻结，不能再修改；如确需修改，须由上级单位重新开启',
  );
}

/**
 * Reopening undoes a close, so it is not the organiser's own decision: an organiser whose unit lies
 * above the organising unit, or an administrator whose scope holds it, reopens, with a reason.
 */
export function mayReopen(actor: { role: Role; unitPath: string }, organiserUnitPath: string): boolean {
  const holds = organiserUnitPath.startsWith(actor.unitPath);
  if (actor.role === 'admin') return holds;
  return actor.role === 'organiser' && holds && organiserUnitPath !== actor.unitPath;
}

export function assertMayReopen(
  actor: { role: Role; unitPath: string },
  campaign: { status: CampaignStatus | string; organiserUnitPath: string },
  reason: string,
): string {
  if (campaign.status !== 'closed') {
    throw invalid('CAMPAIGN_NOT_CLOSED', 'only a closed campaign can be reopened', '只有已结束的活动才能重新开启');
  }
  if (!mayReopen(actor, campaign.organiserUnitPath)) {
    throw forbidden(
      'only the organising unit’s superior (an organiser above it) or an administrator reopens a closed campaign',
      '已结束的活动只能由组织单位的上级单位或系统管理员重新开启',
    );
  }
  const trimmed = reason.trim();
  if (trimmed.length === 0) {
    throw invalid('REASON_REQUIRED', 'give the reason the campaign is reopened', '请填写重新开启的原因', 'reason');
  }
  return trimmed;
}

export const CAMPAIGN_STAGES = ['draft', 'nominating', 'reviewing', 'notice', 'final', 'closed'] as const;
export type CampaignStage = (typeof CAMPAIGN_STAGES)[number];

export const CAMPAIGN_STAGE_LABELS_ZH: Record<CampaignStage, string> = {
  draft: '草稿',
  nominating: '申报中',
  reviewing: '审核中',
  notice: '公示中',
  final: '名单已定',
  closed: '已结束',
};

/**
 * The stage a list shows. A closed campaign has ended. A public notice running for any unit is what
 * the public sees, so it shows first; otherwise the campaign is at the earliest step some name still
 * has to pass (a village still nominating keeps it 申报中), and the list is settled only when every
 * name still on it is final. A campaign with no names is a draft, or open for names once active.
 */
export function campaignStage(
  status: CampaignStatus | string,
  names: ProgressTally | Iterable<{ status: NominationStatus; n: number }>,
): CampaignStage {
  if (status === 'closed') return 'closed';
  const tally = 'live' in names ? names : tallyProgress(names);
  if (tally.noticed > 0) return 'notice';
  if (tally.final > 0 && tally.live === tally.final) return 'final';
  if (tally.inReview > 0 || tally.approved > 0) return 'reviewing';
  if (tally.notSent > 0 || tally.inVerification > 0) return 'nominating';
  return status === 'draft' ? 'draft' : 'nominating';
}
