import { Alert, Button, Descriptions, Empty, Popconfirm, Result, Space, Spin, Tag, Typography } from 'antd';
import { ApartmentOutlined, DeleteOutlined, EditOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useI18n } from '../../../app/i18n.ts';
import type { ApiError } from '../../../app/api-client.ts';
import type { Unit } from '../api/org-api.ts';
import { unitKindLabel, unitPathNames } from '../unit-labels.ts';

interface UnitDetailsProps {
  unit: Unit | undefined;
  isLoading: boolean;
  error: ApiError | null;
  byId: Map<number, Unit>;
  childCount: number;
  canManage: boolean;
  isOwnUnit: boolean;
  onAddChild(): void;
  onRename(): void;
  onMove(): void;
  onClose(): Promise<void>;
}

export function UnitDetails({
  unit,
  isLoading,
  error,
  byId,
  childCount,
  canManage,
  isOwnUnit,
  onAddChild,
  onRename,
  onMove,
  onClose,
}: UnitDetailsProps) {
  const { t } = useI18n();
  if (error) {
    return (
      <Result
        status={error.status === 404 ? '404' : 'warning'}
        title={<span data-testid="unit-error">{error.message}</span>}
        subTitle={t('units.errorHint')}
      />
    );
  }
  if (isLoading && !unit) return <Spin />;
  if (!unit) return <Empty description={t('units.pickOne')} />;
  const isClosed = unit.closedAt !== null;

  return (
    <div data-testid="unit-details">
      <Space align="center" style={{ marginBottom: 16 }} wrap>
        <ApartmentOutlined style={{ fontSize: 20, color: '#d4380d' }} />
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="unit-details-name">
          {unit.name}
        </Typography.Title>
        <Tag>{unitKindLabel(unit.kind, t)}</Tag>
        {isClosed && <Tag color="default">{t('units.closed')}</Tag>}
      </Space>
      {isClosed && (
        <Alert
          type="info"
          showIcon
          title={t('units.closedNotice', {
            at: new Date(unit.closedAt!).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }),
          })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('units.path')}>
          {unitPathNames(unit, byId).join(' / ') || unit.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('units.code')}>
          {unit.code ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('units.regionCode')}>
          {unit.regionCode ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('units.childCount')}>{childCount}</Descriptions.Item>
      </Descriptions>
      {canManage && !isClosed && (
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={onAddChild} data-testid="unit-add-child">
            {t('units.addChild')}
          </Button>
          <Button icon={<EditOutlined />} onClick={onRename} data-testid="unit-rename">
            {t('units.rename')}
          </Button>
          <Button icon={<SwapOutlined />} onClick={onMove} disabled={isOwnUnit} data-testid="unit-move">
            {t('units.move')}
          </Button>
          <Popconfirm
            title={t('units.closeConfirmTitle', { name: unit.name })}
            description={t('units.closeConfirmText')}
            okText={t('units.close')}
            okButtonProps={{ danger: true }}
            onConfirm={onClose}
            disabled={isOwnUnit}
          >
            <Button danger icon={<DeleteOutlined />} disabled={isOwnUnit} data-testid="unit-close">
              {t('units.close')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      {canManage && isOwnUnit && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('units.ownUnitHint')}
        </Typography.Paragraph>
      )}
      {!canManage && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('units.readOnlyHint')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
