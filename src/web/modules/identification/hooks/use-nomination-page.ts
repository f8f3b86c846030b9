/**
 * The nomination list one page at a time, as the server pages it: a campaign can hold a million
 * names, so the table never loads them all. Changing the filter goes back to the first page.
 */
import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useApiData, type ApiData } from '../../../app/use-api-data.ts';
import { listNominations, type NominationPage } from '../api/identification-api.ts';

export const PAGE_SIZES = [20, 50, 100, 500];

export interface NominationPaging {
  list: ApiData<NominationPage>;
  pagination: TablePaginationConfig;
}

export function useNominationPage(
  campaignId: number,
  filter: { status?: string; unitId?: number },
  onPageChange?: () => void,
): NominationPaging {
  const [position, setPosition] = useState({ page: 1, pageSize: 50, filterKey: '' });
  const filterKey = `${filter.status ?? ''}|${filter.unitId ?? ''}`;
  const page = position.filterKey === filterKey ? position.page : 1;
  const list = useApiData(
    (signal) => listNominations(campaignId, { ...filter, page, pageSize: position.pageSize }, signal),
    [campaignId, filterKey, page, position.pageSize],
  );
  const pagination: TablePaginationConfig = {
    current: page,
    pageSize: position.pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    hideOnSinglePage: (list.data?.total ?? 0) <= PAGE_SIZES[0]!,
    onChange: (next, pageSize) => {
      setPosition({ page: pageSize === position.pageSize ? next : 1, pageSize, filterKey });
      onPageChange?.();
    },
  };
  return { list, pagination };
}
