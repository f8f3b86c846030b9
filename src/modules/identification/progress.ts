/**
 * The organiser's progress view (进度) and the quota table's first-deadline marks, from the quotas
 * and the number of names per unit, category and status. Every count is made here, once, so the web
 * app shows numbers and never adds them up itself.
 */
import { firstDeadlineStanding, type FirstDeadlineStanding } from './deadlines.ts';
import {
  addToTally,
  countsTowardQuota,
  emptyTally,
  type NominationStatus,
  type ProgressTally,
} from './nomination-state.ts';

export interface QuotaLine {
  unitId: number;
  unitName: string;
  unitPath: string;
  categoryId: number;
  quota: number;
}

export interface StatusCount {
  unitId: number;
  categoryId: number;
  status: NominationStatus;
  n: number;
}

/** 篇七's first deadline as a campaign sets it; share is a fraction (0.7), none: the whole quota. */
export interface FirstDeadlineRule {
  now: Date;
  firstDeadline: string | null;
  share: number;
}

export interface QuotaStanding extends QuotaLine {
  /** names put forward against this quota that still use it up (all but the withdrawn) */
  submitted: number;
  /** what the unit fills itself: its quota less what it passed down to the units directly below it */
  kept: number;
  firstDeadline: FirstDeadlineStanding | null;
}

/** Each quota with what is in against it and where it stands against the first deadline. */
export function quotaStandings(lines: QuotaLine[], counts: StatusCount[], rule: FirstDeadlineRule): QuotaStanding[] {
  const submitted = new Map<string, number>();
  for (const count of counts) {
    if (!countsTowardQuota(count.status)) continue;
    const key = cellKey(count.unitId, count.categoryId);
    submitted.set(key, (submitted.get(key) ?? 0) + count.n);
  }
  const passedDown = new Map<string, number>();
  for (const line of lines) {
    const parentPath = parentPathOf(line.unitPath);
    if (parentPath === null) continue;
    const key = `${parentPath}:${line.categoryId}`;
    passedDown.set(key, (passedDown.get(key) ?? 0) + line.quota);
  }
  return lines.map((line) => {
    // a town that split its quota among its villages is judged by its villages, not by itself
    const kept = Math.max(0, line.quota - (passedDown.get(`${line.unitPath}:${line.categoryId}`) ?? 0));
    const inAgainstIt = submitted.get(cellKey(line.unitId, line.categoryId)) ?? 0;
    return {
      ...line,
      submitted: inAgainstIt,
      kept,
      firstDeadline: firstDeadlineStanding({
        now: rule.now,
        firstDeadline: rule.firstDeadline,
        share: rule.share,
        quota: kept,
        submitted: inAgainstIt,
      }),
    };
  });
}

/** A unit's standing against the first deadline, over all its categories. */
export interface UnitFirstDeadline {
  deadline: string;
  hasPassed: boolean;
  required: number;
  /** counted up to each category's required number, so required − submitted = missing */
  submitted: number;
  missing: number;
  isLate: boolean;
}

export interface UnitProgress extends ProgressTally {
  unitId: number;
  unitName: string;
  quota: number;
  /** for the bar, against the quota (0–100): names on the list, and names on the list or on their way */
  completion: { onListPercent: number; livePercent: number };
  firstDeadline: UnitFirstDeadline | null;
}

export function unitProgress(
  lines: QuotaLine[],
  counts: StatusCount[],
  unitNames: Map<number, string>,
  rule: FirstDeadlineRule,
): UnitProgress[] {
  const rows = new Map<number, Omit<UnitProgress, 'completion'>>();
  const row = (unitId: number) => {
    let entry = rows.get(unitId);
    if (!entry) {
      entry = {
        unitId,
        unitName: unitNames.get(unitId) ?? '',
        quota: 0,
        ...emptyTally(),
        firstDeadline: rule.firstDeadline ? emptyUnitDeadline(rule) : null,
      };
      rows.set(unitId, entry);
    }
    return entry;
  };
  for (const standing of quotaStandings(lines, counts, rule)) {
    const entry = row(standing.unitId);
    entry.quota += standing.quota;
    if (standing.firstDeadline && entry.firstDeadline) addStanding(entry.firstDeadline, standing.firstDeadline);
  }
  for (const count of counts) addToTally(row(count.unitId), count.status, count.n);
  return [...rows.values()]
    .map((entry) => ({
      ...entry,
      completion: {
        onListPercent: percentOf(entry.onList, entry.quota),
        livePercent: percentOf(entry.live, entry.quota),
      },
    }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh'));
}

function emptyUnitDeadline(rule: FirstDeadlineRule): UnitFirstDeadline {
  const standing = firstDeadlineStanding({ ...rule, quota: 0, submitted: 0 })!;
  return {
    deadline: standing.deadline,
    hasPassed: standing.hasPassed,
    required: 0,
    submitted: 0,
    missing: 0,
    isLate: false,
  };
}

function addStanding(total: UnitFirstDeadline, standing: FirstDeadlineStanding): void {
  total.required += standing.required;
  total.submitted += Math.min(standing.submitted, standing.required);
  total.missing += standing.missing;
  total.isLate = total.isLate || standing.isLate;
}

/** n of the quota in whole percent, at most 100; nothing to fill: 0. */
export function percentOf(n: number, quota: number): number {
  return quota > 0 ? Math.min(100, Math.round((n * 100) / quota)) : 0;
}

function cellKey(unitId: number, categoryId: number): string {
  return `${unitId}:${categoryId}`;
}

/** '/1/7/42/' → '/1/7/'; the root ('/1/') has no parent. */
function parentPathOf(path: string): string | null {
  const ids = path.split('/').filter(Boolean);
  return ids.length <= 1 ? null : `/${ids.slice(0, -1).join('/')}/`;
}
