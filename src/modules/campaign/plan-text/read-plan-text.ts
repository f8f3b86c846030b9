/**
 * Reads the budget of a written plan (慰问标准及资金, as in 篇五) and redoes its arithmetic:
 * "1、重点优抚对象3726人,安排慰问金100元/人,计372600元。" lines, "所需资金共…元" subtotals and the
 * "…所需总资金…元" grand total. Every figure is recomputed in integer fen and every disagreement
 * is reported with its line number in the original text.
 */
import { formatFen as yuan, parseYuanToFen, sumFen, type Fen } from '../../shared/money.ts';
import { MAX_FEN_PER_PERSON, MAX_PEOPLE } from '../../shared/limits.ts';
import type { CategoryLayer } from '../campaign.ts';
import { normalizePlanText, splitLines } from './normalize-plan-text.ts';

export interface PlanItem {
  line: number;
  category: string;
  layer: CategoryLayer;
  count: number;
  countNote: string | null;
  cashFen: Fen;
  giftFen: Fen;
  perPersonFen: Fen;
  statedFen: Fen | null;
  computedFen: Fen;
}

export interface PlanTotal {
  line: number;
  kind: 'subtotal' | 'grand-total';
  layer: CategoryLayer | null;
  statedFen: Fen | null;
  computedFen: Fen;
}

export type PlanProblemKind =
  'line-total-mismatch' | 'subtotal-mismatch' | 'grand-total-mismatch' | 'unreadable-figure' | 'unreadable-line';

export interface PlanProblem {
  line: number;
  kind: PlanProblemKind;
  message: string;
  messageZh: string;
}

export interface PlanReading {
  title: string | null;
  items: PlanItem[];
  totals: PlanTotal[];
  /** recomputed total of all items */
  totalFen: Fen;
  problems: PlanProblem[];
}

export interface PlanDraftCategory {
  name: string;
  layer: CategoryLayer;
  plannedCount: number;
  countNote: string | null;
  cashFen: Fen;
  giftFen: Fen;
}

export interface PlanDraft {
  name: string;
  categories: PlanDraftCategory[];
}

// ---------------------------------------------------------------------------------------------
// Patterns (applied to normalised text: simplified, half-width)

const CN_DIGITS = '一二三四五六七八九十';
const LIST_MARKER = new RegExp(
  `^\\s*(?:\\d+\\s*(?:[、)]|\\.(?!\\d))|\\(\\s*\\d+\\s*\\)|[${CN_DIGITS}]+\\s*、|\\(\\s*[${CN_DIGITS}]+\\s*\\))\\s*`,
);
const SECTION_MARKER = new RegExp(`^\\s*(?:\\(\\s*[${CN_DIGITS}]+\\s*\\)|[${CN_DIGITS}]+\\s*、|第[${CN_DIGITS}]+)`);
/** "元/人", "元/户", "元每人": the mark of a per-person standard. */
const PER_PERSON = /元\s*(?:\/|每)\s*(?:人|户|名)/;
const PER_PERSON_ALL = new RegExp(PER_PERSON.source, 'g');
const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
/** "3726人", "10,572人"; never the tail of a longer number, but a clause comma may come before it */
const HEAD_COUNT = new RegExp(`(?<![\\d.])(?<!\\d,)(${NUMBER})\\s*(?:人|户|名)`, 'g');
/** the characters a figure written before "元" may be made of, garbage included ("220xx", "一百") */
const FIGURE_CHAR = /[0-9.,a-zA-Z?一二三四五六七八九十百千万零〇两]/;
const FIGURE = new RegExp(`^(${NUMBER})(万)?$`);
const LINE_TOTAL = /(?:合计|共计|小计|总计|计)\s*:?\s*((?:[^元,;。]|,(?=\d{3})){0,20}?)\s*元/;
const TOTAL_FIGURE = String.raw`(\d(?:[^元,;。]|,(?=\d{3})){0,20}?)\s*元`;
const GRAND_TOTAL = new RegExp(`(?:总资金|资金总额|总预算|总计)(?:共计|合计|共|为|是)?\\s*:?\\s*${TOTAL_FIGURE}`);
const SUBTOTAL = new RegExp(`(?:所需资金|小计|合计)(?:共计|合计|共|为|是)?\\s*:?\\s*${TOTAL_FIGURE}`);
const GIFT_WORDS = /礼品|慰问品|物资|物品|实物/;
const CASH_WORDS = /慰问金|现金|补助金|救助金/;
const CLAUSE_BREAK = /[,;。、]/;
const MAX_TITLE_LENGTH = 40;
const MAX_HEADING_LENGTH = 20;

// ---------------------------------------------------------------------------------------------
// Figures

/** "372600", "1,057,200", "100.50", "1.2万" → fen; null when it is not a figure ("220xx"). */
export function parseFigureFen(token: string): Fen | null {
  const match = FIGURE.exec(token.replace(/\s+/g, '').replace(/^,+/, ''));
  if (!match) return null;
  const [, number = '', wan] = match;
  const plain = number.replace(/,/g, '');
  return wan ? parseWanYuan(plain) : parseYuanOrNull(plain);
}

function parseYuanOrNull(plain: string): Fen | null {
  try {
    return parseYuanToFen(plain);
  } catch {
    return null;
  }
}

/** 万元 amounts: 1 万元 = 1,000,000 fen, so up to six decimals are still whole fen. */
function parseWanYuan(plain: string): Fen | null {
  const [whole = '0', decimals = ''] = plain.split('.');
  if (decimals.length > 6) return null;
  const fen = Number(whole) * 1_000_000 + Number(decimals.padEnd(6, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

// ---------------------------------------------------------------------------------------------
// One budget line

interface Standard {
  kind: 'cash' | 'gift';
  token: string;
  fen: Fen | null;
  start: number;
  end: number;
}

export interface ParsedItem {
  category: string;
  count: number;
  countNote: string | null;
  cashFen: Fen;
  giftFen: Fen;
  statedToken: string | null;
  statedFen: Fen | null;
}

export type LineParse = { ok: true; item: ParsedItem } | { ok: false; reason: string; reasonZh: string };

function stripListMarker(text: string): string {
  return text.replace(LIST_MARKER, '');
}

function figureBefore(text: string, end: number): { token: string; start: number } {
  let start = end;
  while (start > 0 && FIGURE_CHAR.test(text.charAt(start - 1))) start -= 1;
  return { token: text.slice(start, end), start };
}

function clauseBefore(text: string, end: number): string {
  const before = text.slice(0, end);
  const parts = before.split(CLAUSE_BREAK);
  return parts[parts.length - 1] ?? before;
}

function standardKind(clause: string): 'cash' | 'gift' {
  return GIFT_WORDS.test(clause) && !CASH_WORDS.test(clause) ? 'gift' : 'cash';
}

function findStandards(body: string): Standard[] {
  return [...body.matchAll(PER_PERSON_ALL)].map((match) => {
    const { token, start } = figureBefore(body, match.index);
    const clause = clauseBefore(body, start);
    const shown = token.replace(/^,+/, '') || `${clause.trim()}元`;
    return {
      kind: standardKind(clause),
      token: shown,
      fen: parseFigureFen(token),
      start,
      end: match.index + match[0].length,
    };
  });
}

function cleanCategory(text: string): string {
  return text
    .trim()
    .replace(/(?:共计|合计|共|计)$/, '')
    .replace(/[\s,:;、]+$/, '')
    .trim();
}

/** "重点优抚对象每镇、原办事处各1人" → ["重点优抚对象", "每镇、原办事处各1人"] */
function splitCountNote(region: string, firstCountIndex: number): [string, string] {
  const noteStart = region.slice(1).search(/[每按各]/) + 1;
  const start = noteStart > 0 && noteStart <= firstCountIndex ? noteStart : firstCountIndex;
  return [cleanCategory(region.slice(0, start)), cleanCategory(region.slice(start))];
}

interface CountParse {
  count: number;
  category: string;
  countNote: string | null;
}

function readCount(pre: string): CountParse | { error: string; errorZh: string } {
  const counts = [...pre.matchAll(HEAD_COUNT)];
  const last = counts[counts.length - 1];
  if (!last) return { error: 'no head count (N人) before the standard', errorZh: '标准前没有人数(N人)' };
  const countText = (last[1] ?? '').replace(/,/g, '');
  if (!/^\d+$/.test(countText)) {
    return { error: `the head count "${last[1]}" is not a whole number`, errorZh: `人数“${last[1]}”不是整数` };
  }
  const region = cleanCategory(pre.slice(0, last.index));
  const first = counts[0];
  if (counts.length > 1 && first) {
    const [category, countNote] = splitCountNote(region, first.index);
    return { count: Number(countText), category, countNote };
  }
  return { count: Number(countText), category: region, countNote: null };
}

function readStatedTotal(rest: string): { token: string | null; fen: Fen | null } {
  const match = LINE_TOTAL.exec(rest);
  if (!match) return { token: null, fen: null };
  const token = (match[1] ?? '').trim();
  return { token, fen: parseFigureFen(token) };
}

function sumStandards(standards: Standard[], kind: Standard['kind']): Fen {
  return sumFen(standards.filter((standard) => standard.kind === kind).map((standard) => standard.fen ?? 0));
}

export function parseBudgetLine(line: string): LineParse {
  const body = stripListMarker(line);
  const standards = findStandards(body);
  const first = standards[0];
  const last = standards[standards.length - 1];
  if (!first || !last) {
    return { ok: false, reason: 'no per-person amount (元/人)', reasonZh: '没有人均标准(元/人)' };
  }
  const bad = standards.find((standard) => standard.fen === null);
  if (bad) {
    return {
      ok: false,
      reason: `the per-person amount "${bad.token}" is not a number`,
      reasonZh: `人均标准“${bad.token}”不是数字`,
    };
  }
  const tooLarge = standards.find((standard) => (standard.fen ?? 0) > MAX_FEN_PER_PERSON);
  if (tooLarge) {
    return {
      ok: false,
      reason: `the per-person amount "${tooLarge.token}" is more than ${yuan(MAX_FEN_PER_PERSON)} yuan`,
      reasonZh: `人均标准“${tooLarge.token}”超过${yuan(MAX_FEN_PER_PERSON)}元`,
    };
  }
  const count = readCount(body.slice(0, first.start));
  if ('error' in count) return { ok: false, reason: count.error, reasonZh: count.errorZh };
  if (count.count > MAX_PEOPLE) {
    return {
      ok: false,
      reason: `the head count ${count.count} is more than ${MAX_PEOPLE} people`,
      reasonZh: `人数${count.count}超过${MAX_PEOPLE}人`,
    };
  }
  if (!count.category) return { ok: false, reason: 'no category name', reasonZh: '没有对象类别名称' };
  const stated = readStatedTotal(body.slice(last.end));
  return {
    ok: true,
    item: {
      ...count,
      cashFen: sumStandards(standards, 'cash'),
      giftFen: sumStandards(standards, 'gift'),
      statedToken: stated.token,
      statedFen: stated.fen,
    },
  };
}

/** Lines that should be budget lines even when they cannot be read. */
function looksLikeBudgetLine(line: string): boolean {
  if (PER_PERSON.test(line)) return true;
  return /\d\s*(?:人|户|名)/.test(line) && /慰问金|礼品|慰问品/.test(line) && line.includes('元');
}

// ---------------------------------------------------------------------------------------------
// Headings and titles

function isPlanTitle(line: string): boolean {
  const text = line.trim();
  return (
    text.length >= 4 &&
    text.length <= MAX_TITLE_LENGTH &&
    text.includes('方案') &&
    !/[。,;:!?]/.test(text) &&
    !LIST_MARKER.test(text)
  );
}

function headingLayer(line: string): CategoryLayer | null {
  const text = line.trim();
  const isHeading = LIST_MARKER.test(text) || SECTION_MARKER.test(text) || text.length <= MAX_HEADING_LENGTH;
  if (!isHeading) return null;
  const general = text.indexOf('面上');
  const leader = text.indexOf('点上');
  if (general < 0 && leader < 0) return null;
  if (general < 0) return 'leaderVisit';
  if (leader < 0) return 'general';
  return general < leader ? 'general' : 'leaderVisit';
}

function categoryLayer(category: string, current: CategoryLayer): CategoryLayer {
  if (category.includes('点上')) return 'leaderVisit';
  if (category.includes('面上')) return 'general';
  return current;
}

// ---------------------------------------------------------------------------------------------
// Reading a whole text

/** An item, or an unreadable budget line that leaves any total covering it unverifiable. */
type Entry = { item: PlanItem } | { unreadableLine: number };

interface Scope {
  entries: Entry[];
  items: PlanItem[];
  complete: boolean;
  computedFen: Fen;
}

function scopeOf(entries: Entry[]): Scope {
  const items = entries.flatMap((entry) => ('item' in entry ? [entry.item] : []));
  return {
    entries,
    items,
    complete: items.length === entries.length,
    computedFen: sumFen(items.map((item) => item.computedFen)),
  };
}

function scopeLayer(scope: Scope, fallback: CategoryLayer): CategoryLayer | null {
  const layers = new Set(scope.items.map((item) => item.layer));
  if (layers.size === 0) return fallback;
  return layers.size === 1 ? ([...layers][0] ?? null) : null;
}

class PlanReader {
  private readonly items: PlanItem[] = [];
  private readonly totals: PlanTotal[] = [];
  private readonly problems: PlanProblem[] = [];
  private readonly entries: Entry[] = [];
  private readonly titles: { line: number; text: string }[] = [];
  private layer: CategoryLayer = 'general';
  /** where the entries a subtotal covers begin: after the last subtotal, layer heading or title */
  private subtotalStart = 0;
  /** the last section heading ((一), 一、): a subtotal may cover only that section */
  private sectionStart = 0;
  private grandStart = 0;
  /** the sum of the items read so far */
  private itemsFen = 0;

  read(text: string): PlanReading {
    splitLines(normalizePlanText(text)).forEach((line, index) => this.readLine(line, index + 1));
    return {
      title: this.pickTitle(),
      items: this.items,
      totals: this.totals,
      totalFen: sumFen(this.items.map((item) => item.computedFen)),
      problems: this.problems,
    };
  }

  /** A per-person standard makes a budget line even if it also says 合计; totals come next. */
  private readLine(line: string, lineNumber: number): void {
    const grand = GRAND_TOTAL.exec(line);
    const subtotal = SUBTOTAL.exec(line);
    if (PER_PERSON.test(line)) this.readItem(line, lineNumber);
    else if (grand) this.readGrandTotal(grand[1] ?? '', lineNumber);
    else if (subtotal) this.readSubtotal(subtotal[1] ?? '', lineNumber);
    else if (looksLikeBudgetLine(line)) this.readItem(line, lineNumber);
    else this.readHeading(line, lineNumber);
  }

  private readHeading(line: string, lineNumber: number): void {
    if (isPlanTitle(line)) {
      this.titles.push({ line: lineNumber, text: line.trim() });
      this.layer = 'general';
      this.startSubtotalScope();
      return;
    }
    const layer = headingLayer(line);
    if (layer) {
      this.layer = layer;
      this.startSubtotalScope();
    } else if (SECTION_MARKER.test(line)) {
      this.sectionStart = this.entries.length;
    }
  }

  private startSubtotalScope(): void {
    this.subtotalStart = this.entries.length;
    this.sectionStart = this.entries.length;
  }

  private readItem(line: string, lineNumber: number): void {
    const parsed = parseBudgetLine(line);
    if (!parsed.ok) {
      this.entries.push({ unreadableLine: lineNumber });
      this.problems.push(unreadableLineProblem(lineNumber, parsed.reason, parsed.reasonZh));
      return;
    }
    const { statedToken, ...fields } = parsed.item;
    const perPersonFen = fields.cashFen + fields.giftFen;
    const computedFen = perPersonFen * fields.count;
    // every total of the plan sums a part of its items: if all of them fit, each total does
    if (!Number.isSafeInteger(this.itemsFen + computedFen)) {
      this.entries.push({ unreadableLine: lineNumber });
      this.problems.push(
        unreadableLineProblem(lineNumber, 'the plan adds up to more than a budget can hold', '方案金额合计超出上限'),
      );
      return;
    }
    this.itemsFen += computedFen;
    const item: PlanItem = {
      line: lineNumber,
      category: fields.category,
      layer: categoryLayer(fields.category, this.layer),
      count: fields.count,
      countNote: fields.countNote,
      cashFen: fields.cashFen,
      giftFen: fields.giftFen,
      perPersonFen,
      statedFen: fields.statedFen,
      computedFen,
    };
    this.items.push(item);
    this.entries.push({ item });
    const problem = itemProblem(item, statedToken);
    if (problem) this.problems.push(problem);
  }

  private readSubtotal(token: string, lineNumber: number): void {
    const wide = scopeOf(this.entries.slice(this.subtotalStart));
    if (wide.entries.length === 0) return;
    const stated = parseFigureFen(token);
    const narrow = scopeOf(this.entries.slice(Math.max(this.sectionStart, this.subtotalStart)));
    const scope = stated !== null && narrow.items.length > 0 && narrow.computedFen === stated ? narrow : wide;
    this.addTotal('subtotal', lineNumber, token, stated, scope);
    this.startSubtotalScope();
  }

  private readGrandTotal(token: string, lineNumber: number): void {
    const scope = scopeOf(this.entries.slice(this.grandStart));
    if (scope.entries.length === 0) return;
    this.addTotal('grand-total', lineNumber, token, parseFigureFen(token), scope);
    this.grandStart = this.entries.length;
    this.startSubtotalScope();
  }

  private addTotal(kind: PlanTotal['kind'], line: number, token: string, stated: Fen | null, scope: Scope): void {
    const layer = kind === 'subtotal' ? scopeLayer(scope, this.layer) : null;
    this.totals.push({ line, kind, layer, statedFen: stated, computedFen: scope.computedFen });
    const problem = totalProblem(kind, line, token, stated, scope);
    if (problem) this.problems.push(problem);
  }

  /** The title of the plan the budget belongs to: the last title line before the first item. */
  private pickTitle(): string | null {
    const firstItemLine = this.items[0]?.line ?? Infinity;
    const before = this.titles.filter((title) => title.line < firstItemLine);
    return (before[before.length - 1] ?? this.titles[0])?.text ?? null;
  }
}

// ---------------------------------------------------------------------------------------------
// Problems

function unreadableLineProblem(line: number, reason: string, reasonZh: string): PlanProblem {
  return {
    line,
    kind: 'unreadable-line',
    message: `looks like a budget line but cannot be read: ${reason}`,
    messageZh: `疑似预算行但无法识别：${reasonZh}`,
  };
}

function itemProblem(item: PlanItem, statedToken: string | null): PlanProblem | null {
  const formula = `${item.count} × ${yuan(item.perPersonFen)} = ${yuan(item.computedFen)}`;
  const formulaZh = `${item.count}人 × ${yuan(item.perPersonFen)}元/人应为${yuan(item.computedFen)}元`;
  if (statedToken !== null && item.statedFen === null) {
    return {
      line: item.line,
      kind: 'unreadable-figure',
      message: `${item.category}: cannot read the amount "${statedToken}"; ${formula} yuan`,
      messageZh: `${item.category}：金额“${statedToken}”无法识别，按${formulaZh}`,
    };
  }
  if (item.statedFen === null || item.statedFen === item.computedFen) return null;
  return {
    line: item.line,
    kind: 'line-total-mismatch',
    message: `${item.category}: stated ${yuan(item.statedFen)} yuan, but ${formula} yuan`,
    messageZh: `${item.category}：写明计${yuan(item.statedFen)}元，但按${formulaZh}`,
  };
}

const TOTAL_LABELS = {
  subtotal: { en: 'subtotal', zh: '小计', scopeEn: 'above', scopeZh: '上面' },
  'grand-total': { en: 'grand total', zh: '总资金', scopeEn: 'in the plan', scopeZh: '全部' },
} as const;

function totalProblem(
  kind: PlanTotal['kind'],
  line: number,
  token: string,
  stated: Fen | null,
  scope: Scope,
): PlanProblem | null {
  const label = TOTAL_LABELS[kind];
  const sum = `the ${scope.items.length} items ${label.scopeEn} add up to ${yuan(scope.computedFen)} yuan`;
  const sumZh = `${label.scopeZh}${scope.items.length}项合计${yuan(scope.computedFen)}元`;
  if (stated === null) {
    return {
      line,
      kind: 'unreadable-figure',
      message: `cannot read the ${label.en} "${token}"; ${sum}`,
      messageZh: `${label.zh}金额“${token}”无法识别，${sumZh}`,
    };
  }
  // an unreadable line inside the scope makes the recomputed sum incomplete; that line is reported already
  if (!scope.complete || stated === scope.computedFen) return null;
  const difference = yuan(Math.abs(stated - scope.computedFen));
  return {
    line,
    kind: kind === 'subtotal' ? 'subtotal-mismatch' : 'grand-total-mismatch',
    message: `${label.en} stated ${yuan(stated)} yuan, but ${sum} (difference ${difference})`,
    messageZh: `${label.zh}写明${yuan(stated)}元，但${sumZh}（相差${difference}元）`,
  };
}

// ---------------------------------------------------------------------------------------------
// Public entry points

export function readPlanText(text: string): PlanReading {
  return new PlanReader().read(text);
}

function needsLayerSuffix(item: PlanItem, hasGeneral: boolean): boolean {
  return item.layer === 'leaderVisit' && hasGeneral && !item.category.includes('点上');
}

/**
 * Categories for a draft campaign. Point-visit categories are suffixed （点上） when the plan also
 * has area-wide ones, since both layers usually repeat the same names (重点优抚对象).
 */
export function planReadingToDraft(reading: PlanReading, fallbackName: string): PlanDraft {
  const hasGeneral = reading.items.some((item) => item.layer === 'general');
  return {
    name: reading.title ?? fallbackName,
    categories: reading.items.map((item) => ({
      name: needsLayerSuffix(item, hasGeneral) ? `${item.category}（点上）` : item.category,
      layer: item.layer,
      plannedCount: item.count,
      countNote: item.countNote,
      cashFen: item.cashFen,
      giftFen: item.giftFen,
    })),
  };
}
