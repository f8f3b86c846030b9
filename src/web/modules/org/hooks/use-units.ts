import { useMemo } from 'react';
import { useApiData } from '../../../app/use-api-data.ts';
import { listUnits, type Unit } from '../api/org-api.ts';

export interface UnitsData {
  units: Unit[];
  byId: Map<number, Unit>;
  isLoading: boolean;
  error: ReturnType<typeof useApiData<Unit[]>>['error'];
  reload(): void;
}

/** The account's unit subtree (the server never sends more). */
export function useUnits(): UnitsData {
  const { data, error, isLoading, reload } = useApiData((signal) => listUnits(signal), []);
  const units = useMemo(() => data ?? [], [data]);
  const byId = useMemo(() => new Map(units.map((unit) => [unit.id, unit])), [units]);
  return { units, byId, isLoading, error, reload };
}
