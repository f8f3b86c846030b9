import { Button, Card, Empty, Result, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { formatFen } from '../app/money-input.ts';
import { Link, navigate } from '../app/router.tsx';
import type { CampaignSummary } from '../modules/campaign/api/campaign-api.ts';
import { stageColor, stageLabel } from '../modules/campaign/campaign-labels.ts';
import { CreateCampaignModal } from '../modules/campaign/components/create-campaign-modal.tsx';
import { useCampaignList } from '../modules/campaign/hooks/use-campaigns.ts';
import { useUnits } from '../modules/org/hooks/use-units.ts';

export function CampaignsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { data, error, isLoading, reload } = useCampaignList();
  const { units } = useUnits();
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const canManage = can('campaigns.manage');

  if (error)
    return (
      <Result status="warning" title={error.message} extra={<Button onClick={reload}>{t('common.retry')}</Button>} />
    );

  const columns: TableColumnsType<CampaignSummary> = [
    {
      title: t('campaigns.colName'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => (
        <Link to={`/campaigns/${row.id}`} data-testid={`campaign-link-${row.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('campaigns.colYear'), dataIndex: 'year', key: 'year', width: 90, sorter: (a, b) => a.year - b.year },
    {
      title: t('campaigns.colStage'),
      dataIndex: 'stage',
      key: 'stage',
      width: 110,
      render: (stage: CampaignSummary['stage'], row) => (
        <Tag color={stageColor(stage)} data-testid={`campaign-stage-${row.id}`}>
          {stageLabel(stage, t)}
        </Tag>
      ),
    },
    { title: t('campaigns.colOrganiser'), dataIndex: 'organiserUnitName', key: 'organiser' },
    { title: t('campaigns.colCategories'), dataIndex: 'categoryCount', key: 'categories', width: 100, align: 'right' },
    {
      title: t('campaigns.colTotal'),
      dataIndex: 'grandTotalFen',
      key: 'total',
      align: 'right',
      className: 'wn-money',
      sorter: (a, b) => a.grandTotalFen - b.grandTotalFen,
      render: (fen: number) => formatFen(fen),
    },
    {
      title: t('campaigns.colUpdated'),
      dataIndex: 'updatedAt',
      key: 'updated',
      width: 180,
      render: (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
    },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('campaigns.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('campaigns.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.refresh')}
          </Button>
          {canManage && (
            <Button icon={<ImportOutlined />} onClick={() => navigate('/plans/import')}>
              {t('nav.import')}
            </Button>
          )}
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setIsCreateOpen(true)}
              data-testid="campaign-create"
            >
              {t('campaigns.create')}
            </Button>
          )}
        </Space>
      </Space>
      {!isLoading && (data ?? []).length === 0 ? (
        <Card data-testid="campaigns-empty">
          <Empty description={canManage ? t('campaigns.emptyManage') : t('campaigns.emptyRead')}>
            {canManage && (
              <Space>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreateOpen(true)}>
                  {t('campaigns.create')}
                </Button>
                <Button icon={<ImportOutlined />} onClick={() => navigate('/plans/import')}>
                  {t('nav.import')}
                </Button>
              </Space>
            )}
          </Empty>
        </Card>
      ) : (
        <Table<CampaignSummary>
          data-testid="campaign-table"
          rowKey="id"
          loading={isLoading}
          dataSource={data ?? []}
          columns={columns}
          pagination={(data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
          style={{ background: '#fff', borderRadius: 8 }}
        />
      )}
      <CreateCampaignModal
        open={isCreateOpen}
        onClose={() => setIsCreateOpen(false)}
        units={units}
        onCreated={(view) => {
          setIsCreateOpen(false);
          navigate(`/campaigns/${view.campaign.id}?tab=categories`);
        }}
      />
    </div>
  );
}
