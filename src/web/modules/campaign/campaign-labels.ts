import type { Translate } from '../../app/i18n.ts';
import type { CampaignStage, CampaignStatus, CategoryLayer } from './api/campaign-api.ts';

export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['draft', 'active', 'closed'];
export const LAYERS: readonly CategoryLayer[] = ['general', 'leaderVisit'];

export function statusLabel(status: CampaignStatus, t: Translate): string {
  return t(`campaignStatus.${status}`);
}

export function statusColor(status: CampaignStatus): string {
  switch (status) {
    case 'draft':
      return 'default';
    case 'active':
      return 'processing';
    case 'closed':
      return 'success';
  }
}

/** The stage a list shows (草稿 / 申报中 / 审核中 / 公示中 / 名单已定 / 已结束), derived by the server. */
export function stageLabel(stage: CampaignStage, t: Translate): string {
  return t(`campaignStage.${stage}`);
}

export function stageColor(stage: CampaignStage): string {
  switch (stage) {
    case 'draft':
      return 'default';
    case 'nominating':
      return 'processing';
    case 'reviewing':
      return 'blue';
    case 'notice':
      return 'purple';
    case 'final':
      return 'green';
    case 'closed':
      return 'success';
  }
}

export function layerLabel(layer: CategoryLayer, t: Translate): string {
  return t(`layer.${layer}`);
}

/** The campaign year a clerk most likely means: from October on, next Spring Festival. */
export function defaultCampaignYear(now = new Date()): number {
  return now.getMonth() >= 9 ? now.getFullYear() + 1 : now.getFullYear();
}
