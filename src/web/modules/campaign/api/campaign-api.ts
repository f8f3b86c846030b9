import type { Affordability, Budget } from '../../../../modules/campaign/budget.ts';
import type {
  Campaign,
  CampaignCategory,
  CampaignStatus,
  CatalogueItem,
  CategoryLayer,
} from '../../../../modules/campaign/campaign.ts';
import type { PlanReading } from '../../../../modules/campaign/plan-text/read-plan-text.ts';
import type { CampaignStage } from '../../../../modules/campaign/campaign-state.ts';
import type { CampaignStatusEvent } from '../../../../modules/campaign/campaign.repository.ts';
import { apiFetch } from '../../../app/api-client.ts';

export type {
  Affordability,
  Budget,
  Campaign,
  CampaignCategory,
  CampaignStage,
  CampaignStatus,
  CampaignStatusEvent,
  CatalogueItem,
  CategoryLayer,
  PlanReading,
};

export interface CampaignView {
  campaign: Campaign;
  budget: Budget;
  /** false once the campaign is closed: everything in it is frozen */
  canEdit: boolean;
  /** the organiser's superior (or an administrator above): may reopen a closed campaign */
  canReopen: boolean;
}

export interface CampaignSummary {
  id: number;
  name: string;
  year: number;
  status: CampaignStatus;
  organiserUnitId: number;
  organiserUnitName: string;
  updatedAt: string;
  grandTotalFen: number;
  categoryCount: number;
  /** where the campaign really is, derived on the server from its status and its names */
  stage: CampaignStage;
}

export interface PhaseInput {
  name: string;
  startsOn: string;
  endsOn: string;
  description: string | null;
}

export interface ActivityInput {
  title: string;
  description: string | null;
  responsibleUnits: string;
  dueOn: string | null;
}

export interface CategoryInput {
  id: number | null;
  name: string;
  layer: CategoryLayer;
  plannedCount: number;
  countNote: string | null;
  cashFen: number;
  giftFen: number;
  description: string | null;
  items: { itemId: number; quantity: number }[];
}

export interface CampaignUpdate {
  version: number;
  status: CampaignStatus;
  name: string;
  slogan: string | null;
  purpose: string | null;
  requirements: string | null;
  year: number;
  phases: PhaseInput[];
  activities: ActivityInput[];
  categories: CategoryInput[];
}

export interface CampaignCreate {
  name: string;
  year: number;
  organiserUnitId: number;
  slogan?: string | null;
  purpose?: string | null;
}

export interface UnitPlansUpdate {
  version: number;
  plans: { unitId: number; categoryId: number; plannedCount: number }[];
  matchingFunds: { unitId: number; amountFen: number; note: string | null }[];
}

export async function listCampaigns(signal?: AbortSignal): Promise<CampaignSummary[]> {
  return (await apiFetch<{ campaigns: CampaignSummary[] }>('/api/campaigns', { signal })).campaigns;
}

export async function getCampaign(id: number, signal?: AbortSignal): Promise<CampaignView> {
  return apiFetch<CampaignView>(`/api/campaigns/${id}`, { signal });
}

export async function createCampaign(input: CampaignCreate): Promise<CampaignView> {
  return apiFetch<CampaignView>('/api/campaigns', { method: 'POST', body: input });
}

export async function updateCampaign(id: number, input: CampaignUpdate): Promise<CampaignView> {
  return apiFetch<CampaignView>(`/api/campaigns/${id}`, { method: 'PUT', body: input });
}

/** Reopening a closed campaign, with its reason (kept in the campaign's history). */
export async function reopenCampaign(id: number, reason: string): Promise<CampaignView> {
  return apiFetch<CampaignView>(`/api/campaigns/${id}/reopen`, { method: 'POST', body: { reason } });
}

export async function getCampaignHistory(id: number, signal?: AbortSignal): Promise<CampaignStatusEvent[]> {
  return (await apiFetch<{ events: CampaignStatusEvent[] }>(`/api/campaigns/${id}/history`, { signal })).events;
}

export async function saveUnitPlans(id: number, input: UnitPlansUpdate): Promise<CampaignView> {
  return apiFetch<CampaignView>(`/api/campaigns/${id}/unit-plans`, { method: 'PUT', body: input });
}

export async function distributeUnitPlans(
  id: number,
  input: { version: number; unitIds: number[]; categoryIds?: number[] },
): Promise<CampaignView> {
  return apiFetch<CampaignView>(`/api/campaigns/${id}/unit-plans/distribute`, { method: 'POST', body: input });
}

export function planDocumentUrl(id: number): string {
  return `/api/campaigns/${id}/plan.docx`;
}

export async function listItems(signal?: AbortSignal): Promise<CatalogueItem[]> {
  return (await apiFetch<{ items: CatalogueItem[] }>('/api/items', { signal })).items;
}

export async function createItem(input: Omit<CatalogueItem, 'id'>): Promise<CatalogueItem> {
  return (await apiFetch<{ item: CatalogueItem }>('/api/items', { method: 'POST', body: input })).item;
}

export async function updateItem(id: number, input: Omit<CatalogueItem, 'id'>): Promise<CatalogueItem> {
  return (await apiFetch<{ item: CatalogueItem }>(`/api/items/${id}`, { method: 'PUT', body: input })).item;
}

export async function lintPlanText(text: string): Promise<PlanReading> {
  return apiFetch<PlanReading>('/api/plans/lint', { method: 'POST', body: { text } });
}

export async function importPlanText(input: {
  text: string;
  organiserUnitId: number;
  name?: string;
  year?: number;
}): Promise<CampaignView & { reading: PlanReading }> {
  return apiFetch('/api/plans/import', { method: 'POST', body: input });
}
