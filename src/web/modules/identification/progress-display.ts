/**
 * How the progress view and the quota table show the server's numbers. Nothing is counted here:
 * every number comes as the server computed it (identification/progress.ts), so the web cannot
 * count a name twice.
 */
import { REMOVAL_REASONS, type RemovalReason } from '../../../modules/identification/nomination-state.ts';
import { formatChinaDate } from '../../../modules/identification/china-time.ts';
import type { Lang } from '../../app/i18n.ts';
import type { ProgressRow } from './api/identification-api.ts';

export interface ProgressBar {
  /** names on the list or on their way, in percent of the quota */
  percent: number;
  /** names approved and still on the list, in percent of the quota */
  successPercent: number;
  /** "2/3": names on the list of the quota */
  text: string;
}

export function progressBarOf(row: Pick<ProgressRow, 'onList' | 'quota' | 'completion'>): ProgressBar {
  return {
    percent: row.completion.livePercent,
    successPercent: row.completion.onListPercent,
    text: `${row.onList}/${row.quota}`,
  };
}

/** The reasons names left the list, those with any, in the state machine's order. */
export function removalsOf(row: Pick<ProgressRow, 'removed'>): { reason: RemovalReason; n: number }[] {
  return REMOVAL_REASONS.filter((reason) => row.removed[reason] > 0).map((reason) => ({
    reason,
    n: row.removed[reason],
  }));
}

/** A deadline day as the screen's language writes it: 2027年12月24日, or 2027-12-24. */
export function deadlineDay(date: string, lang: Lang): string {
  return lang === 'zh' ? formatChinaDate(date) : date;
}

/** The rows a unit's staff are told about: past the first deadline and below the share. */
export function lateRows(rows: readonly ProgressRow[]): ProgressRow[] {
  return rows.filter((row) => row.firstDeadline?.isLate === true);
}
