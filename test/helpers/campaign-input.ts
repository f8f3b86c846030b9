import { PIAN_WU_CATEGORIES, PIAN_WU_PHASES } from '../../src/modules/campaign/pian-wu.ts';

/** The 篇五 plan as a create-campaign request body. */
export function pianWuRequest(organiserUnitId: number) {
  return {
    name: '篇五 春节慰问',
    year: 2027,
    organiserUnitId,
    purpose: '确保困难群众过上欢乐、祥和、安定的节日',
    phases: PIAN_WU_PHASES.map((phase) => ({ ...phase })),
    activities: [{ title: '面上慰问', responsibleUnits: '市民政局、各镇政府', dueOn: '2027-01-31', description: null }],
    categories: PIAN_WU_CATEGORIES.map((category) => ({
      name: category.name,
      layer: category.layer,
      plannedCount: category.plannedCount,
      countNote: category.countNote,
      cashFen: category.cashYuan * 100,
      giftFen: category.giftYuan * 100,
      items: [],
    })),
  };
}

export function smallCampaignRequest(organiserUnitId: number) {
  return {
    name: '社区送温暖',
    year: 2027,
    organiserUnitId,
    categories: [
      { name: '困难职工', layer: 'general', plannedCount: 10, cashFen: 50_000, giftFen: 0 },
      { name: '百岁老人', layer: 'general', plannedCount: 2, cashFen: 30_000, giftFen: 20_000 },
    ],
  };
}
