/**
 * The democratic review's verdict on a name (民主评议, 篇二): the village's meeting of residents'
 * representatives decides on each name before the list is sent up. A name the meeting voted down
 * (不同意) does not go up, unless a reviewer above the village sets the verdict aside with a
 * recorded reason (the override joins the name's history and the audit log). Pure.
 */
import type { Role } from '../org/roles.ts';
import { forbidden, invalid, type DomainError } from '../shared/errors.ts';
import { REVIEW_ROLES } from './review-chain.ts';

export const DEMOCRATIC_VOTES = ['agreed', 'disagreed', 'overridden'] as const;
/** null: no meeting has decided on the name */
export type DemocraticVote = (typeof DEMOCRATIC_VOTES)[number] | null;

export function isDemocraticVote(value: string | null): value is DemocraticVote {
  return value === null || (DEMOCRATIC_VOTES as readonly string[]).includes(value);
}

/** The verdict a meeting's decision leaves on the name; a later meeting's decision replaces an earlier one. */
export function voteOfDecision(agreed: boolean): Exclude<DemocraticVote, null | 'overridden'> {
  return agreed ? 'agreed' : 'disagreed';
}

/** A name voted down is not sent up nor approved; an overridden verdict no longer holds it back. */
export function assertNotVotedDown(vote: DemocraticVote, name: string): void {
  if (vote === 'disagreed') throw votedDown(name);
}

export function votedDown(name: string): DomainError {
  return invalid(
    'VOTED_DOWN',
    `${name} was voted down at the democratic review: the name cannot go up unless a reviewer above the unit overrides the verdict with a reason`,
    `${name}民主评议未通过，不能报送；如确需报送，须由上级审核人填写理由复核同意`,
    'ids',
  );
}

/**
 * Who may set a "不同意" aside: a reviewer or an organiser of a unit above the nominating unit —
 * never the unit that held the meeting (it would overrule its own residents), and not the system
 * administrator, who is not part of deciding who gets help (review-chain.ts).
 */
export function assertMayOverride(input: {
  actorRole: Role;
  actorUnitPath: string;
  nominationUnitPath: string;
  vote: DemocraticVote;
  reason: string;
}): string {
  if (input.vote !== 'disagreed') {
    throw invalid(
      'NOT_VOTED_DOWN',
      'only a name voted down at the democratic review can be overridden',
      '只有民主评议未通过的名单才需要复核',
    );
  }
  const isAbove =
    input.nominationUnitPath.startsWith(input.actorUnitPath) && input.nominationUnitPath !== input.actorUnitPath;
  if (!REVIEW_ROLES.includes(input.actorRole) || !isAbove) {
    throw forbidden(
      'only a reviewer or organiser of a unit above the nominating unit may override its democratic review',
      '只有上级单位的审核人或组织者可以复核民主评议结果',
    );
  }
  const reason = input.reason.trim();
  if (reason.length === 0) {
    throw invalid('REASON_REQUIRED', 'give the reason the verdict is set aside', '请填写复核理由', 'reason');
  }
  return reason;
}
