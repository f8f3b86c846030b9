/**
 * Campaign plans: the pure shapes and rules of a campaign (方案), its categories and standards.
 * Nothing here knows about the database or HTTP.
 */
import type { Fen } from '../shared/money.ts';

/** 面上慰问 (everyone in the category, paid through the town) or 点上慰问 (leaders' point visits). */
export type CategoryLayer = 'general' | 'leaderVisit';
export const CATEGORY_LAYERS: readonly CategoryLayer[] = ['general', 'leaderVisit'];
export const LAYER_LABELS_ZH: Record<CategoryLayer, string> = {
  general: '面上慰问',
  leaderVisit: '点上慰问',
};

export type CampaignStatus = 'draft' | 'active' | 'closed';

export interface CatalogueItem {
  id: number;
  name: string; // 大米
  spec: string; // 20斤/袋
  unitLabel: string; // 袋
  unitPriceFen: Fen;
}

export interface CategoryItemLine {
  itemId: number;
  name: string;
  spec: string;
  unitLabel: string;
  quantity: number; // per person
  unitPriceFen: Fen; // snapshot of the catalogue price when the standard was set
}

export interface CampaignCategory {
  id: number;
  name: string; // 重点优抚对象
  layer: CategoryLayer;
  plannedCount: number;
  countNote: string | null; // 每镇、原办事处各1人
  cashFen: Fen; // 慰问金 per person
  giftFen: Fen; // 礼品 per person (value)
  items: CategoryItemLine[];
  description: string | null;
  sort: number;
}

export interface CampaignPhase {
  id: number;
  name: string; // 准备阶段
  startsOn: string; // YYYY-MM-DD
  endsOn: string; // YYYY-MM-DD
  description: string | null;
  sort: number;
}

export interface CampaignActivity {
  id: number;
  title: string;
  description: string | null;
  responsibleUnits: string; // 区民政局、各镇街 (free text, as plans write it)
  dueOn: string | null;
  sort: number;
}

export interface UnitPlan {
  unitId: number;
  unitName: string;
  categoryId: number;
  plannedCount: number;
}

export interface MatchingFund {
  unitId: number;
  unitName: string;
  amountFen: Fen; // 配套资金 a lower unit adds
  note: string | null;
}

export interface Campaign {
  id: number;
  name: string;
  slogan: string | null;
  purpose: string | null; // 指导思想 / 活动目的
  requirements: string | null; // 工作要求
  year: number;
  status: CampaignStatus;
  organiserUnitId: number;
  organiserUnitName: string;
  phases: CampaignPhase[];
  activities: CampaignActivity[];
  categories: CampaignCategory[];
  unitPlans: UnitPlan[];
  matchingFunds: MatchingFund[];
  version: number;
  createdAt: string;
  updatedAt: string;
}
