/** 名单识别 from the side menu: the campaigns the account can see, each opening its identification page. */
import { Button, Result, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SolutionOutlined } from '@ant-design/icons';
import { useI18n } from '../app/i18n.ts';
import { Link, navigate } from '../app/router.tsx';
import type { CampaignSummary } from '../modules/campaign/api/campaign-api.ts';
import { stageColor, stageLabel } from '../modules/campaign/campaign-labels.ts';
import { useCampaignList } from '../modules/campaign/hooks/use-campaigns.ts';

export function IdentificationCampaignsPage() {
  const { t } = useI18n();
  const { data, error, isLoading, reload } = useCampaignList();
  if (error)
    return (
      <Result status="warning" title={error.message} extra={<Button onClick={reload}>{t('common.retry')}</Button>} />
    );
  const path = (row: CampaignSummary) => `/campaigns/${row.id}/identification`;
  const columns: TableColumnsType<CampaignSummary> = [
    {
      title: t('campaigns.colName'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Link to={path(row)} data-testid={`ident-campaign-${row.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('campaigns.colYear'), dataIndex: 'year', width: 90 },
    {
      title: t('campaigns.colStage'),
      dataIndex: 'stage',
      width: 110,
      render: (stage: CampaignSummary['stage']) => <Tag color={stageColor(stage)}>{stageLabel(stage, t)}</Tag>,
    },
    { title: t('campaigns.colOrganiser'), dataIndex: 'organiserUnitName' },
    {
      title: t('common.actions'),
      render: (_value, row) => (
        <Button size="small" icon={<SolutionOutlined />} onClick={() => navigate(path(row))}>
          {t('ident.list.enter')}
        </Button>
      ),
    },
  ];
  return (
    <div data-testid="ident-campaigns">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ident.list.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ident.list.subtitle')}</Typography.Paragraph>
      <Table<CampaignSummary>
        rowKey="id"
        loading={isLoading}
        dataSource={data ?? []}
        columns={columns}
        locale={{ emptyText: t('ident.list.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={(data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
        style={{ background: '#fff', borderRadius: 8 }}
      />
    </div>
  );
}
