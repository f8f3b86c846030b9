/**
 * The identification (名单识别) API: settings, quotas, nominations, review, progress, notices and
 * objections. Everything goes through apiFetch (language, CSRF, errors).
 */
import type { NominationStatus } from '../../../../modules/identification/nomination-state.ts';
import type { Role } from '../../../../modules/org/roles.ts';
import type { Criterion, VisitFindings } from '../../../../modules/identification/eligibility.ts';
import type { NominationDetail, VisitRecord } from '../../../../modules/identification/nomination-detail.service.ts';
import type { DemocraticVote } from '../../../../modules/identification/democratic-vote.ts';
import type { FirstDeadlineStanding } from '../../../../modules/identification/deadlines.ts';
import type { UnitProgress } from '../../../../modules/identification/progress.ts';
import type { PlanQuotas } from '../../../../modules/identification/plan-quotas.ts';
import { apiFetch, queryString } from '../../../app/api-client.ts';

export type { Criterion, NominationDetail, PlanQuotas, VisitFindings, VisitRecord };

export type { DemocraticVote, FirstDeadlineStanding, NominationStatus };

export interface ReviewStep {
  label: string;
  unit: { levelsUp: number } | { depth: number };
  roles: Role[];
}

/** One line of a category's eligibility checklist (篇三, 篇四). */

export interface CategorySetting {
  categoryId: number;
  registryCategoryId: number | null;
  minAge: number | null;
  criteria: Criterion[];
}

export interface IdentificationSettings {
  /** the first day applications are taken (篇七: 12-21) */
  opensOn: string | null;
  firstDeadline: string | null;
  finalDeadline: string | null;
  firstDeadlineShare: number | null;
  noticeDays: number;
  verificationRequired: boolean;
  reviewChain: ReviewStep[];
  categories: CategorySetting[];
}

export interface QuotaRow {
  categoryId: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  quota: number;
  /** names put forward against this quota that still use it up */
  submitted: number;
  /** the quota less what the unit passed down to the units below it */
  kept: number;
  /** null: the campaign sets no first deadline */
  firstDeadline: FirstDeadlineStanding | null;
}

export interface Nomination {
  id: number;
  personId: number;
  name: string;
  idMasked: string;
  unitId: number;
  unitName: string;
  categoryId: number;
  categoryName: string;
  status: NominationStatus;
  stepIndex: number | null;
  reason: string | null;
  /** account ids */
  nominatedBy: number | null;
  verifiedBy: number | null;
  /** the democratic review's verdict (民主评议): 'disagreed' holds the name back */
  democraticVote: DemocraticVote;
  version: number;
  updatedAt: string;
  /** while in review: who acts on the step it waits at, and whether the reader may */
  reviewStep: ReviewStepHolder | null;
}

export interface ReviewStepHolder {
  label: string;
  unitName: string;
  roles: Role[];
  canAct: boolean;
}

/** One unit's progress as the server counts it: each name once, in the state it is in now. */
export type ProgressRow = UnitProgress;

export interface NoticePeriod {
  firstDay: string;
  lastDay: string;
  endsAt: string;
  textZh: string;
}

export interface PublishedNotice {
  id: number;
  unitId: number;
  unitName: string;
  names: number;
  period: NoticePeriod;
}

export type NoticeStatus = 'open' | 'ended' | 'locked';

/** A campaign's notice as the list endpoint gives it. */
export interface NoticeItem extends PublishedNotice {
  publishedAt: string;
  status: NoticeStatus;
  openObjections: number;
  publicPath: string;
}

export interface NominationPage {
  nominations: Nomination[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Recommendation {
  id: number;
  unitName: string;
  familyName: string;
  address: string;
  situation: string;
  recommenderName: string;
  recommenderContact: string;
  status: 'open' | 'accepted' | 'declined';
  note: string | null;
  createdAt: string;
  nominationId: number | null;
}

export interface DemocraticReview {
  id: number;
  unitName: string;
  heldOn: string;
  participants: string;
  decisions: { nominationId: number; agreed: boolean; note?: string }[];
  recordedBy: string;
}

export interface Objection {
  id: number;
  kind: 'objection' | 'left-out';
  text: string;
  contact: string | null;
  status: string;
  answer: string | null;
  createdAt: string;
  unitName: string;
  personName: string | null;
  nominationId: number | null;
  verificationId: number | null;
}

export interface PublicNotice {
  id: number;
  campaignName: string;
  unitName: string;
  period: NoticePeriod;
  isOpen: boolean;
  entries: { nominationId: number; maskedName: string; category: string; amountYuan: string | number }[];
  howToObject: string;
}

export interface ObjectionStatus {
  kind: 'objection' | 'left-out';
  status: string;
  answer: string | null;
  createdAt: string;
  answeredAt: string | null;
}

const base = (id: number) => `/api/campaigns/${id}`;

export async function getSettings(id: number, signal?: AbortSignal): Promise<IdentificationSettings> {
  return (await apiFetch<{ settings: IdentificationSettings }>(`${base(id)}/identification`, { signal })).settings;
}

export async function saveSettings(id: number, settings: IdentificationSettings): Promise<IdentificationSettings> {
  return (
    await apiFetch<{ settings: IdentificationSettings }>(`${base(id)}/identification`, {
      method: 'PUT',
      body: settings,
    })
  ).settings;
}

export async function listQuotas(id: number, signal?: AbortSignal): Promise<QuotaRow[]> {
  return (await apiFetch<{ quotas: QuotaRow[] }>(`${base(id)}/quotas`, { signal })).quotas;
}

export async function saveQuotas(
  id: number,
  entries: { unitId: number; categoryId: number; quota: number }[],
): Promise<void> {
  await apiFetch(`${base(id)}/quotas`, { method: 'PUT', body: { entries } });
}

export async function allocateQuotas(
  id: number,
  input: { categoryId: number; total: number; unitIds: number[] },
): Promise<void> {
  await apiFetch(`${base(id)}/quotas/allocate`, { method: 'POST', body: input });
}

/** What taking the plan's 单位分配 as quotas would change (nothing is written). */
export async function previewQuotasFromPlan(id: number, signal?: AbortSignal): Promise<PlanQuotas> {
  return (await apiFetch<{ preview: PlanQuotas }>(`${base(id)}/quotas/from-plan`, { signal })).preview;
}

export async function takeQuotasFromPlan(id: number): Promise<PlanQuotas> {
  return (await apiFetch<{ result: PlanQuotas }>(`${base(id)}/quotas/from-plan`, { method: 'POST' })).result;
}

/** One page of the list, as the server pages it (at most 500 a page). */
export async function listNominations(
  id: number,
  query: { status?: string; unitId?: number; page?: number; pageSize?: number },
  signal?: AbortSignal,
): Promise<NominationPage> {
  const path = `${base(id)}/nominations${queryString({
    status: query.status,
    unitId: query.unitId,
    page: query.page ?? 1,
    pageSize: query.pageSize ?? 50,
  })}`;
  return apiFetch<NominationPage>(path, { signal });
}

export async function getNomination(id: number, nominationId: number, signal?: AbortSignal): Promise<NominationDetail> {
  return (await apiFetch<{ nomination: NominationDetail }>(`${base(id)}/nominations/${nominationId}`, { signal }))
    .nomination;
}

export interface NominateInput {
  personId: number;
  categoryId: number;
  unitId: number;
  consent: boolean;
  checklist: Record<string, boolean>;
}

export async function nominate(id: number, input: NominateInput): Promise<void> {
  await apiFetch(`${base(id)}/nominations`, { method: 'POST', body: input });
}

export async function assignVerifier(id: number, nominationId: number, verifier: string): Promise<void> {
  await apiFetch(`${base(id)}/nominations/${nominationId}/verifier`, { method: 'POST', body: { verifier } });
}

export async function recordVerification(
  id: number,
  nominationId: number,
  input: { visitedOn: string; visitors: string; findings: VisitFindings; eligible: boolean; reason?: string },
): Promise<{ verificationId: number }> {
  return apiFetch<{ verificationId: number }>(`${base(id)}/nominations/${nominationId}/verification`, {
    method: 'POST',
    body: input,
  });
}

export async function uploadVisitPhoto(
  id: number,
  nominationId: number,
  verificationId: number,
  file: File,
): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  await apiFetch(`${base(id)}/nominations/${nominationId}/verifications/${verificationId}/photos`, {
    method: 'POST',
    body: form,
  });
}

export function visitPhotoUrl(id: number, nominationId: number, photoId: number): string {
  return `${base(id)}/nominations/${nominationId}/photos/${photoId}`;
}

export async function withdrawNomination(id: number, nominationId: number, reason: string): Promise<void> {
  await apiFetch(`${base(id)}/nominations/${nominationId}/withdraw`, { method: 'POST', body: { reason } });
}

/** Sets a democratic review's 不同意 aside (a reviewer above the unit), with the reason. */
export async function overrideDemocraticVote(id: number, nominationId: number, reason: string): Promise<void> {
  await apiFetch(`${base(id)}/nominations/${nominationId}/vote-override`, { method: 'POST', body: { reason } });
}

/** The locked list changes only through a recorded correction (the organiser, with a reason). */
export async function correctFinalName(id: number, nominationId: number, reason: string): Promise<void> {
  await apiFetch(`${base(id)}/nominations/${nominationId}/correction`, { method: 'POST', body: { reason } });
}

export async function submitNominations(id: number, ids: number[]): Promise<void> {
  await apiFetch(`${base(id)}/nominations/submit`, { method: 'POST', body: { ids } });
}

export type ReviewAction = 'approve' | 'return' | 'reject';

export async function reviewNominations(
  id: number,
  input: { ids: number[]; action: ReviewAction; opinion?: string },
): Promise<void> {
  await apiFetch(`${base(id)}/nominations/review`, { method: 'POST', body: input });
}

export async function getProgress(id: number, signal?: AbortSignal): Promise<ProgressRow[]> {
  return (await apiFetch<{ units: ProgressRow[] }>(`${base(id)}/progress`, { signal })).units;
}

export async function publishNotices(id: number): Promise<PublishedNotice[]> {
  return (await apiFetch<{ notices: PublishedNotice[] }>(`${base(id)}/notices`, { method: 'POST' })).notices;
}

export async function lockNotice(id: number, noticeId: number): Promise<void> {
  await apiFetch(`${base(id)}/notices/${noticeId}/lock`, { method: 'POST' });
}

export async function listObjections(id: number, signal?: AbortSignal): Promise<Objection[]> {
  return (await apiFetch<{ objections: Objection[] }>(`${base(id)}/objections`, { signal })).objections;
}

export async function answerObjection(
  id: number,
  objectionId: number,
  input: {
    sustained: boolean;
    answer: string;
    investigation?: { visitedOn: string; visitors: string; findings?: string };
  },
): Promise<void> {
  await apiFetch(`${base(id)}/objections/${objectionId}/answer`, { method: 'POST', body: input });
}

export async function listNotices(id: number, signal?: AbortSignal): Promise<NoticeItem[]> {
  return (await apiFetch<{ notices: NoticeItem[] }>(`${base(id)}/notices`, { signal })).notices;
}

export async function listRecommendations(id: number, signal?: AbortSignal): Promise<Recommendation[]> {
  return (await apiFetch<{ recommendations: Recommendation[] }>(`${base(id)}/recommendations`, { signal }))
    .recommendations;
}

export async function handleRecommendation(
  id: number,
  recommendationId: number,
  input: { accepted: boolean; note: string; nomination?: Omit<NominateInput, 'unitId'> },
): Promise<void> {
  await apiFetch(`${base(id)}/recommendations/${recommendationId}`, { method: 'POST', body: input });
}

export async function listDemocraticReviews(id: number, signal?: AbortSignal): Promise<DemocraticReview[]> {
  return (await apiFetch<{ reviews: DemocraticReview[] }>(`${base(id)}/democratic-reviews`, { signal })).reviews;
}

export async function recordDemocraticReview(
  id: number,
  input: { unitId: number; heldOn: string; participants: string; decisions: DemocraticReview['decisions'] },
): Promise<void> {
  await apiFetch(`${base(id)}/democratic-reviews`, { method: 'POST', body: input });
}

/** 篇四: the unit reported falsely and loses next year's campaign. */
export async function reportFalseSubmission(id: number, input: { unitId: number; reason: string }): Promise<void> {
  await apiFetch(`${base(id)}/false-report`, { method: 'POST', body: input });
}

export function publicNoticePath(noticeId: number): string {
  return `/public/notices/${noticeId}`;
}

export async function getPublicNotice(noticeId: number, signal?: AbortSignal): Promise<PublicNotice> {
  return (await apiFetch<{ notice: PublicNotice }>(`/api/public/notices/${noticeId}`, { signal })).notice;
}

export async function submitObjection(
  noticeId: number,
  input: { kind: 'objection' | 'left-out'; nominationId?: number; text: string; contact?: string },
): Promise<string> {
  return (
    await apiFetch<{ trackingCode: string }>(`/api/public/notices/${noticeId}/objections`, {
      method: 'POST',
      body: input,
    })
  ).trackingCode;
}

export async function lookupObjection(code: string, signal?: AbortSignal): Promise<ObjectionStatus> {
  return (
    await apiFetch<{ objection: ObjectionStatus }>(`/api/public/objections/${encodeURIComponent(code)}`, { signal })
  ).objection;
}

export interface RecommendationFormInfo {
  campaignName: string;
  organiserName: string;
  units: { id: number; name: string }[];
}

export interface RecommendationInput {
  unitId: number;
  familyName: string;
  address: string;
  situation: string;
  recommenderName: string;
  recommenderContact: string;
}

export function publicRecommendPath(campaignId: number): string {
  return `/public/campaigns/${campaignId}/recommend`;
}

export async function getRecommendationForm(campaignId: number, signal?: AbortSignal): Promise<RecommendationFormInfo> {
  return (
    await apiFetch<{ form: RecommendationFormInfo }>(`/api/public/campaigns/${campaignId}/recommendation-form`, {
      signal,
    })
  ).form;
}

export async function submitRecommendation(campaignId: number, input: RecommendationInput): Promise<string> {
  return (
    await apiFetch<{ trackingCode: string }>(`/api/public/campaigns/${campaignId}/recommendations`, {
      method: 'POST',
      body: input,
    })
  ).trackingCode;
}

export async function lookupRecommendation(
  code: string,
): Promise<{ status: Recommendation['status']; note: string | null }> {
  return (
    await apiFetch<{ recommendation: { status: Recommendation['status']; note: string | null } }>(
      `/api/public/recommendations/${encodeURIComponent(code)}`,
    )
  ).recommendation;
}
