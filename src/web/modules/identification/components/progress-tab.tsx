/** 进度: per unit, how far the list has come against its quota. */
import { Button, Progress, Space, Table } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { getProgress, type ProgressRow } from '../api/identification-api.ts';

export function ProgressTab({ campaignId, generation }: { campaignId: number; generation: number }) {
  const { t } = useI18n();
  const progress = useApiData((signal) => getProgress(campaignId, signal), [campaignId, generation]);
  const count = (key: keyof Omit<ProgressRow, 'unitId' | 'unitName'>) => ({
    title: t(`ident.progress.${key}`),
    dataIndex: key,
    align: 'right' as const,
  });

  return (
    <div data-testid="ident-progress">
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<ReloadOutlined />} onClick={progress.reload} data-testid="progress-refresh">
          {t('common.refresh')}
        </Button>
      </Space>
      <Table<ProgressRow>
        size="small"
        rowKey="unitId"
        loading={progress.isLoading}
        dataSource={progress.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="progress-table"
        columns={[
          { title: t('ident.quotas.unit'), dataIndex: 'unitName' },
          count('quota'),
          count('submitted'),
          count('verified'),
          count('approved'),
          count('noticed'),
          count('final'),
          count('removed'),
          {
            title: t('ident.progress.bar'),
            width: 200,
            render: (_value, row) => {
              const done = row.approved + row.noticed + row.final;
              const percent = row.quota > 0 ? Math.min(100, Math.round((done / row.quota) * 100)) : 0;
              const submitted = row.quota > 0 ? Math.min(100, Math.round((row.submitted / row.quota) * 100)) : 0;
              return (
                <Progress
                  size="small"
                  percent={submitted}
                  success={{ percent }}
                  data-testid={`progress-bar-${row.unitId}`}
                />
              );
            },
          },
        ]}
      />
    </div>
  );
}
