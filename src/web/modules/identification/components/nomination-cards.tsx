/**
 * The nomination list on a phone: one card per name (name, status, unit and category, the reason),
 * with the same actions as the table row within thumb's reach, instead of a table scrolled sideways.
 */
import { Checkbox, List, Space, Typography, type PaginationProps } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import type { Nomination } from '../api/identification-api.ts';
import { NominationStatusTag } from './nomination-status-tag.tsx';

export function NominationCards({
  rows,
  isLoading,
  pagination,
  selected,
  canSelect,
  onSelect,
  actions,
}: {
  rows: Nomination[];
  isLoading: boolean;
  pagination: PaginationProps;
  selected: number[];
  /** null: no selection (the reader cannot submit) */
  canSelect: ((row: Nomination) => boolean) | null;
  onSelect(id: number, checked: boolean): void;
  actions(row: Nomination): ReactNode;
}) {
  const { t, lang } = useI18n();
  return (
    <List<Nomination>
      loading={isLoading}
      dataSource={rows}
      rowKey="id"
      pagination={{ ...pagination, size: 'small', align: 'center' }}
      locale={{ emptyText: t('ident.nom.empty') }}
      data-testid="nominations-cards"
      renderItem={(row) => (
        <List.Item style={{ display: 'block', padding: '12px 0' }} data-testid={`nomination-row-${row.id}`}>
          <Space align="start" style={{ width: '100%' }}>
            {canSelect && (
              <Checkbox
                checked={selected.includes(row.id)}
                disabled={!canSelect(row)}
                onChange={(event) => onSelect(row.id, event.target.checked)}
                aria-label={row.name}
              />
            )}
            <div style={{ flex: 1 }}>
              <Space wrap size={6}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {row.name}
                </Typography.Text>
                <NominationStatusTag status={row.status} lang={lang} />
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {row.unitName} · {row.categoryName} · {row.idMasked}
                </Typography.Text>
              </div>
              {row.reason && <Typography.Text type="danger">{row.reason}</Typography.Text>}
              <div>{actions(row)}</div>
            </div>
          </Space>
        </List.Item>
      )}
    />
  );
}
