import { App, Button, Card, Col, Result, Row, Space, Typography } from 'antd';
import { GlobalOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAccount, useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { navigate } from '../app/router.tsx';
import { useApiData } from '../app/use-api-data.ts';
import { useApiError } from '../app/use-api-error.tsx';
import { closeUnit, getUnit } from '../modules/org/api/org-api.ts';
import { UnitDetails } from '../modules/org/components/unit-details.tsx';
import {
  AddChildUnitModal,
  AddRegionModal,
  MoveUnitModal,
  RenameUnitModal,
} from '../modules/org/components/unit-modals.tsx';
import { UnitTree } from '../modules/org/components/unit-tree.tsx';
import { useUnits } from '../modules/org/hooks/use-units.ts';

type OpenModal = 'child' | 'rename' | 'move' | 'region' | null;

export function UnitsPage({ unitIdParam }: { unitIdParam: string | null }) {
  const { t } = useI18n();
  const account = useAccount();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const { units, byId, isLoading, error, reload } = useUnits();
  const [openModal, setOpenModal] = useState<OpenModal>(null);
  const canManage = can('units.manage');

  const requestedId = unitIdParam === null ? null : /^\d+$/.test(unitIdParam) ? Number(unitIdParam) : -1;
  const fallbackId = byId.has(account.unitId)
    ? account.unitId
    : (units.find((unit) => !byId.has(unit.parentId ?? -1))?.id ?? null);
  const selectedId = requestedId ?? fallbackId;

  const detail = useApiData(
    (signal) => (selectedId === null ? Promise.resolve(undefined) : getUnit(selectedId, signal)),
    [selectedId, units],
  );
  const selected = selectedId === null ? undefined : (detail.data ?? byId.get(selectedId));
  const childCount = selected ? units.filter((unit) => unit.parentId === selected.id && !unit.closedAt).length : 0;

  const refresh = () => {
    reload();
    detail.reload();
  };

  if (error)
    return (
      <Result status="warning" title={error.message} extra={<Button onClick={reload}>{t('common.retry')}</Button>} />
    );

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('units.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('units.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={refresh}>
            {t('common.refresh')}
          </Button>
          {canManage && (
            <Button
              type="primary"
              icon={<GlobalOutlined />}
              onClick={() => setOpenModal('region')}
              data-testid="unit-add-region"
            >
              {t('units.addRegion')}
            </Button>
          )}
        </Space>
      </Space>
      <Row gutter={16}>
        <Col xs={24} md={10} xl={9}>
          <Card title={t('units.treeTitle')} loading={isLoading && units.length === 0} size="small">
            <UnitTree
              units={units}
              selectedId={selectedId}
              onSelect={(id) => navigate(`/units/${id}`, { replace: true })}
            />
          </Card>
        </Col>
        <Col xs={24} md={14} xl={15}>
          <Card title={t('units.detailTitle')} size="small">
            <UnitDetails
              unit={detail.error ? undefined : selected}
              isLoading={detail.isLoading}
              error={requestedId === -1 ? null : detail.error}
              byId={byId}
              childCount={childCount}
              canManage={canManage}
              isOwnUnit={selected?.id === account.unitId}
              onAddChild={() => setOpenModal('child')}
              onRename={() => setOpenModal('rename')}
              onMove={() => setOpenModal('move')}
              onClose={async () => {
                if (!selected) return;
                try {
                  await closeUnit(selected.id);
                  message.success(t('units.closedDone', { name: selected.name }));
                  refresh();
                } catch (cause) {
                  showError(cause);
                }
              }}
            />
          </Card>
        </Col>
      </Row>
      <AddChildUnitModal
        open={openModal === 'child'}
        onClose={() => setOpenModal(null)}
        parent={selected}
        onCreated={refresh}
      />
      <RenameUnitModal
        open={openModal === 'rename'}
        onClose={() => setOpenModal(null)}
        unit={selected}
        onSaved={refresh}
      />
      <MoveUnitModal
        open={openModal === 'move'}
        onClose={() => setOpenModal(null)}
        unit={selected}
        units={units}
        onSaved={refresh}
      />
      <AddRegionModal
        open={openModal === 'region'}
        onClose={() => setOpenModal(null)}
        units={units}
        onAdded={(result) => {
          reload();
          navigate(`/units/${result.root.id}`, { replace: true });
        }}
      />
    </div>
  );
}
