import { useMemo } from 'react';
import { useApiData } from '../../../app/use-api-data.ts';
import { listCategories, type HardshipCategory } from '../api/registry-api.ts';

export interface CategoriesData {
  /** all categories, switched-off ones too (a person may still carry one) */
  categories: HardshipCategory[];
  /** the ones offered for new entries and filters */
  active: HardshipCategory[];
  isLoading: boolean;
  reload(): void;
}

export function useCategories(): CategoriesData {
  const { data, isLoading, reload } = useApiData((signal) => listCategories(signal), []);
  const categories = useMemo(() => data ?? [], [data]);
  const active = useMemo(() => categories.filter((category) => category.active), [categories]);
  return { categories, active, isLoading, reload };
}
