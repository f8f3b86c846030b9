/**
 * The life of one nomination (提名), from the clerk's proposal to the locked final list, as an
 * explicit state machine: every move is named, and an illegal one is refused with both states in
 * the message. The service calls `transition` again inside its transaction (the guard pattern), so
 * a nomination someone else has just returned cannot be approved from a stale screen.
 */
import { conflict, DomainError, invalid } from '../shared/errors.ts';

export const NOMINATION_STATUSES = [
  'nominated',
  'verifying',
  'verified',
  'rejected-by-verification',
  'in-review',
  'returned',
  'rejected',
  'approved',
  'noticed',
  'removed-by-objection',
  'final',
  'removed-by-correction',
  'withdrawn',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export type NominationState =
  /** proposed by the unit clerk, who recorded that the person knows and agrees (知情、自愿, 篇七) */
  | { status: 'nominated' }
  | { status: 'verifying' }
  | { status: 'verified' }
  | { status: 'rejected-by-verification'; reason: string }
  /** stepIndex: the review step (0-based) that has to act next */
  | { status: 'in-review'; stepIndex: number }
  | { status: 'returned'; stepIndex: number; reason: string }
  | { status: 'rejected'; stepIndex: number; reason: string }
  | { status: 'approved' }
  | { status: 'noticed' }
  | { status: 'removed-by-objection'; reason: string }
  | { status: 'final' }
  /** taken off the locked list by a recorded correction (the list is final: only a correction changes it) */
  | { status: 'removed-by-correction'; reason: string }
  | { status: 'withdrawn'; reason: string };

export type NominationEvent =
  | { type: 'assignVerifier' }
  | { type: 'recordVerification'; eligible: boolean; reason?: string }
  | { type: 'submit' }
  | { type: 'approveStep'; stepIndex: number; isLastStep: boolean }
  | { type: 'returnStep'; stepIndex: number; reason: string }
  | { type: 'rejectStep'; stepIndex: number; reason: string }
  | { type: 'publish' }
  | { type: 'sustainObjection'; reason: string }
  | { type: 'lock' }
  | { type: 'withdraw'; reason: string }
  | { type: 'resubmit' }
  | { type: 'correct'; reason: string };
export type NominationEventType = NominationEvent['type'];

export interface TransitionOptions {
  /**
   * Whether a name must pass a home visit before it goes up for review (篇七 and 篇三 both verify
   * first). Defaults to true: a caller that forgets the campaign's setting gets a visible refusal
   * rather than unverified names slipping through.
   */
  verificationRequired?: boolean;
}

export const NOMINATION_STATE_LABELS_ZH: Record<NominationStatus, string> = {
  nominated: '已提名',
  verifying: '核实中',
  verified: '已核实',
  'rejected-by-verification': '核实不符',
  'in-review': '审核中',
  returned: '已退回',
  rejected: '已驳回',
  approved: '已批准',
  noticed: '公示中',
  'removed-by-objection': '异议成立已移除',
  final: '已定稿',
  'removed-by-correction': '定稿后更正移除',
  withdrawn: '已撤回',
};

export const NOMINATION_EVENT_LABELS_ZH: Record<NominationEventType, string> = {
  assignVerifier: '指派核实人',
  recordVerification: '登记核实结果',
  submit: '报送审核',
  approveStep: '审核通过',
  returnStep: '退回',
  rejectStep: '驳回',
  publish: '公示',
  sustainObjection: '异议成立并移除',
  lock: '锁定名单',
  withdraw: '撤回',
  resubmit: '重新报送',
  correct: '更正移除',
};

/**
 * The statuses each event may leave from. Withdrawal is only possible while the name is in the
 * clerk's hands and no one has found fault with it: withdrawing during a home visit or a review
 * would let a unit dodge a "not eligible" finding and get its quota place back.
 */
const SOURCES: Record<NominationEventType, readonly NominationStatus[]> = {
  assignVerifier: ['nominated', 'verifying', 'returned'],
  recordVerification: ['verifying'],
  submit: ['nominated', 'verified'],
  approveStep: ['in-review'],
  returnStep: ['in-review'],
  rejectStep: ['in-review'],
  publish: ['approved'],
  sustainObjection: ['noticed'],
  lock: ['noticed'],
  withdraw: ['nominated', 'verified', 'returned'],
  resubmit: ['returned'],
  correct: ['final'],
};

/**
 * 篇七: "经调查审核不符的条件的,予以删减,不再重补名额" — a name struck out after investigation
 * (调查: the home visit) or review (审核) keeps using up the unit's quota, and so does a name
 * removed by a sustained objection, which is investigated the same way. Only a name the unit
 * withdrew itself, before anyone found fault with it, gives its place back.
 */
export const QUOTA_COUNTED_STATUSES: readonly NominationStatus[] = NOMINATION_STATUSES.filter(
  (status) => status !== 'withdrawn',
);

/** Still on its way to (or on) the list: the person cannot be nominated a second time meanwhile. */
export const ACTIVE_STATUSES: readonly NominationStatus[] = [
  'nominated',
  'verifying',
  'verified',
  'in-review',
  'returned',
  'approved',
  'noticed',
  'final',
];

/** Found unfit in this campaign: by the home visit, a reviewer, or a sustained objection. */
export const STRUCK_OUT_STATUSES: readonly NominationStatus[] = [
  'rejected-by-verification',
  'rejected',
  'removed-by-objection',
  'removed-by-correction',
];

export function statusOf(state: NominationState | NominationStatus): NominationStatus {
  return typeof state === 'string' ? state : state.status;
}

export function countsTowardQuota(state: NominationState | NominationStatus): boolean {
  return QUOTA_COUNTED_STATUSES.includes(statusOf(state));
}

export function isActive(state: NominationState | NominationStatus): boolean {
  return ACTIVE_STATUSES.includes(statusOf(state));
}

/**
 * The progress view's columns (进度), each defined once: a name is counted in the one column of the
 * state it is in now, so no name is counted twice and a name that left the list is never counted
 * as approved. Names off the list are broken down by why they left it.
 */
export const PROGRESS_COLUMNS = ['notSent', 'inVerification', 'inReview', 'approved', 'noticed', 'final'] as const;
export type ProgressColumn = (typeof PROGRESS_COLUMNS)[number];

export const REMOVAL_REASONS = [
  'notEligible',
  'rejectedInReview',
  'removedByObjection',
  'removedByCorrection',
  'withdrawn',
] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/** Every status has exactly one place (the Record makes a new status a compile error until placed). */
const PROGRESS_PLACE: Record<NominationStatus, { column: ProgressColumn } | { removed: RemovalReason }> = {
  // in the unit's hands, not (or no longer) sent up: waiting for the visit, visited, or sent back
  nominated: { column: 'notSent' },
  verified: { column: 'notSent' },
  returned: { column: 'notSent' },
  verifying: { column: 'inVerification' },
  'in-review': { column: 'inReview' },
  approved: { column: 'approved' },
  noticed: { column: 'noticed' },
  final: { column: 'final' },
  'rejected-by-verification': { removed: 'notEligible' },
  rejected: { removed: 'rejectedInReview' },
  'removed-by-objection': { removed: 'removedByObjection' },
  'removed-by-correction': { removed: 'removedByCorrection' },
  withdrawn: { removed: 'withdrawn' },
};

export type ProgressTally = Record<ProgressColumn, number> & {
  removed: Record<RemovalReason, number> & { total: number };
  /** on their way or on the list: the sum of the columns, removed names left out */
  live: number;
  /** approved and still on the list: approved + on notice + final */
  onList: number;
};

export function progressPlaceOf(status: NominationStatus): { column: ProgressColumn } | { removed: RemovalReason } {
  return PROGRESS_PLACE[status];
}

export function emptyTally(): ProgressTally {
  return {
    notSent: 0,
    inVerification: 0,
    inReview: 0,
    approved: 0,
    noticed: 0,
    final: 0,
    removed: {
      notEligible: 0,
      rejectedInReview: 0,
      removedByObjection: 0,
      removedByCorrection: 0,
      withdrawn: 0,
      total: 0,
    },
    live: 0,
    onList: 0,
  };
}

/** Adds `n` names in `status` to the tally (in place), each into its one column. */
export function addToTally(tally: ProgressTally, status: NominationStatus, n: number): ProgressTally {
  const place = PROGRESS_PLACE[status];
  if ('column' in place) {
    tally[place.column] += n;
    tally.live += n;
    if (place.column === 'approved' || place.column === 'noticed' || place.column === 'final') tally.onList += n;
  } else {
    tally.removed[place.removed] += n;
    tally.removed.total += n;
  }
  return tally;
}

export function tallyProgress(counts: Iterable<{ status: NominationStatus; n: number }>): ProgressTally {
  const tally = emptyTally();
  for (const { status, n } of counts) addToTally(tally, status, n);
  return tally;
}

/** A new nomination. The person must know and agree before the unit puts them forward (篇七). */
export function nominate(input: { consentRecorded: boolean }): NominationState {
  if (!input.consentRecorded) {
    throw invalid(
      'CONSENT_REQUIRED',
      'record that the person knows about and agrees to the nomination first',
      '请先确认本人知情并自愿申报',
      'consentRecorded',
    );
  }
  return { status: 'nominated' };
}

/** The events that may be applied to a nomination in this state (for the buttons a screen offers). */
export function allowedEvents(state: NominationState, options: TransitionOptions = {}): NominationEventType[] {
  return (Object.keys(SOURCES) as NominationEventType[]).filter((type) => mayLeave(state.status, type, options));
}

export function transition(
  state: NominationState,
  event: NominationEvent,
  options: TransitionOptions = {},
): NominationState {
  if (!mayLeave(state.status, event.type, options)) throw illegalTransition(state, event);
  switch (event.type) {
    case 'assignVerifier':
      return { status: 'verifying' };
    case 'recordVerification':
      return event.eligible
        ? { status: 'verified' }
        : { status: 'rejected-by-verification', reason: requireReason(event.reason) };
    // A returned name starts the chain again: the earlier approvals were given to what has since changed.
    case 'submit':
    case 'resubmit':
      return { status: 'in-review', stepIndex: 0 };
    case 'approveStep': {
      const stepIndex = currentStep(state, event.stepIndex);
      return event.isLastStep ? { status: 'approved' } : { status: 'in-review', stepIndex: stepIndex + 1 };
    }
    case 'returnStep':
      return {
        status: 'returned',
        stepIndex: currentStep(state, event.stepIndex),
        reason: requireReason(event.reason),
      };
    case 'rejectStep':
      return {
        status: 'rejected',
        stepIndex: currentStep(state, event.stepIndex),
        reason: requireReason(event.reason),
      };
    case 'publish':
      return { status: 'noticed' };
    case 'sustainObjection':
      return { status: 'removed-by-objection', reason: requireReason(event.reason) };
    case 'lock':
      return { status: 'final' };
    case 'withdraw':
      return { status: 'withdrawn', reason: requireReason(event.reason) };
    case 'correct':
      return { status: 'removed-by-correction', reason: requireReason(event.reason) };
  }
}

function mayLeave(status: NominationStatus, type: NominationEventType, options: TransitionOptions): boolean {
  if (type === 'submit' && status === 'nominated') return options.verificationRequired === false;
  return SOURCES[type].includes(status);
}

/** The state the event would have led to, to name it in the refusal. */
function targetOf(event: NominationEvent): NominationStatus {
  switch (event.type) {
    case 'assignVerifier':
      return 'verifying';
    case 'recordVerification':
      return event.eligible ? 'verified' : 'rejected-by-verification';
    case 'submit':
    case 'resubmit':
      return 'in-review';
    case 'approveStep':
      return event.isLastStep ? 'approved' : 'in-review';
    case 'returnStep':
      return 'returned';
    case 'rejectStep':
      return 'rejected';
    case 'publish':
      return 'noticed';
    case 'sustainObjection':
      return 'removed-by-objection';
    case 'lock':
      return 'final';
    case 'withdraw':
      return 'withdrawn';
    case 'correct':
      return 'removed-by-correction';
  }
}

function illegalTransition(state: NominationState, event: NominationEvent): DomainError {
  const from = state.status;
  const to = targetOf(event);
  const fromZh = NOMINATION_STATE_LABELS_ZH[from];
  const toZh = NOMINATION_STATE_LABELS_ZH[to];
  const actionZh = NOMINATION_EVENT_LABELS_ZH[event.type];
  const unverified = event.type === 'submit' && from === 'nominated';
  return conflict(
    'INVALID_TRANSITION',
    unverified
      ? `a nomination must be verified by a home visit before it is submitted (${from} → ${to})`
      : `a nomination that is ${from} cannot ${event.type} (it would become ${to})`,
    unverified
      ? `须先入户核实，才能报送审核（“${fromZh}”→“${toZh}”）`
      : `名单当前为“${fromZh}”，不能${actionZh}而变为“${toZh}”`,
  );
}

/** The step a reviewer acted on must be the one the nomination is waiting at: otherwise their screen is stale. */
function currentStep(state: NominationState, stepIndex: number): number {
  if (state.status !== 'in-review') throw new Error('unreachable: only in-review nominations have a review step');
  if (stepIndex !== state.stepIndex) {
    throw conflict(
      'REVIEW_STEP_MISMATCH',
      `the nomination is waiting at review step ${state.stepIndex + 1}, not step ${stepIndex + 1}: someone else has acted on it, reload`,
      `该名单正待第${state.stepIndex + 1}步审核（本操作针对第${stepIndex + 1}步），可能已由他人处理，请刷新后重试`,
    );
  }
  return stepIndex;
}

function requireReason(reason: string | undefined): string {
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length === 0) {
    throw invalid('REASON_REQUIRED', 'give a reason: every name removed or sent back has one', '请填写原因', 'reason');
  }
  return trimmed;
}
