/**
 * The budget of the unsaved editor form, recomputed with the shared pure budget module whenever a
 * count or standard changes. Only the components that show an amount subscribe, so typing does not
 * re-render the whole editor.
 */
import { Form, type FormInstance } from 'antd';
import { useMemo } from 'react';
import type { CampaignCategory, CatalogueItem, MatchingFund } from '../../../../modules/campaign/campaign.ts';
import { computeBudgetSafe, multiplyFenSafe, perPersonFen, type Budget } from '../budget-view.ts';
import { toBudgetCategories, type CampaignFormValues, type CategoryRow } from '../campaign-form.ts';

export interface LiveBudgetSources {
  form: FormInstance<CampaignFormValues>;
  catalogue: CatalogueItem[];
  savedCategories: CampaignCategory[];
  matchingFunds: MatchingFund[];
}

export function useLiveBudget({ form, catalogue, savedCategories, matchingFunds }: LiveBudgetSources): {
  categories: CampaignCategory[];
  budget: Budget | null;
} {
  const rows = Form.useWatch('categories', { form, preserve: true }) as CategoryRow[] | undefined;
  const categories = useMemo(
    () => toBudgetCategories(rows ?? form.getFieldValue('categories'), catalogue, savedCategories),
    [rows, form, catalogue, savedCategories],
  );
  const budget = useMemo(() => computeBudgetSafe(categories, [], matchingFunds), [categories, matchingFunds]);
  return { categories, budget };
}

/** One row's standard per person and its total (count × standard), for the categories table. */
export function useLiveRowAmounts(
  form: FormInstance<CampaignFormValues>,
  index: number,
  catalogue: CatalogueItem[],
  savedCategories: CampaignCategory[],
) {
  const row = Form.useWatch(['categories', index], { form, preserve: true }) as CategoryRow | undefined;
  return useMemo(() => {
    const category = row ? toBudgetCategories([row], catalogue, savedCategories)[0] : undefined;
    if (!category) return null;
    const perPerson = perPersonFen(category);
    return { perPersonFen: perPerson, totalFen: multiplyFenSafe(perPerson, category.plannedCount) };
  }, [row, catalogue, savedCategories]);
}
