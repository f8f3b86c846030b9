import type { Db } from '../../db/database.ts';
import type { Actor } from '../org/scope.ts';
import { invalid } from '../shared/errors.ts';
import { createCampaign, type CampaignView } from './campaign.service.ts';
import { planReadingToDraft, readPlanText, type PlanReading } from './plan-text/read-plan-text.ts';

export interface PlanImportInput {
  text: string;
  organiserUnitId: number;
  name?: string | null;
  year?: number;
}

/** Turns a written plan into a draft campaign; the reading (lines, problems) comes back with it. */
export async function importPlanText(
  db: Db,
  actor: Actor,
  input: PlanImportInput,
): Promise<{ reading: PlanReading; view: CampaignView }> {
  const reading = readPlanText(input.text);
  if (reading.items.length === 0) {
    throw invalid(
      'PLAN_NO_BUDGET_LINES',
      'no budget lines found in this text ("…N人,安排慰问金A元/人,计T元")',
      '未在文本中找到预算行（如“……N人，安排慰问金A元/人，计T元”）',
      'text',
    );
  }
  const draft = planReadingToDraft(reading, input.name || '导入的慰问方案');
  const view = await createCampaign(db, actor, {
    name: input.name || draft.name,
    slogan: null,
    purpose: null,
    requirements: null,
    year: input.year ?? new Date().getFullYear(),
    organiserUnitId: input.organiserUnitId,
    phases: [],
    activities: [],
    categories: draft.categories.map((category) => ({ ...category, id: null, description: null, items: [] })),
  });
  return { reading, view };
}
