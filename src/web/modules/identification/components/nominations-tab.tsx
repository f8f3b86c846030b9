/**
 * 申报: the campaign's nominations with status filters; nominate from the registry (the person must
 * know and agree), assign a verifier, record the home visit, withdraw, and submit for review.
 */
import { App, Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useAccount } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useApiError } from '../../../app/use-api-error.tsx';
import type { CampaignCategory } from '../../campaign/api/campaign-api.ts';
import type { Unit } from '../../org/api/org-api.ts';
import { UnitPicker } from '../../org/components/unit-tree.tsx';
import { PersonPicker } from '../../registry/components/person-picker.tsx';
import { UnitFilter } from '../../registry/components/unit-filter.tsx';
import { todayInShanghai } from '../../registry/registry-labels.ts';
import {
  assignVerifier,
  listNominations,
  nominate,
  recordVerification,
  submitNominations,
  withdrawNomination,
  type Nomination,
  type NominationStatus,
} from '../api/identification-api.ts';
import { NOMINATION_STATUSES } from '../nomination-labels.ts';
import { NominationStatusTag } from './nomination-status-tag.tsx';

const SUBMITTABLE: readonly NominationStatus[] = ['nominated', 'verified', 'returned'];
const WITHDRAWABLE: readonly NominationStatus[] = ['nominated', 'verified', 'returned'];
const ASSIGNABLE: readonly NominationStatus[] = ['nominated', 'verifying', 'returned'];

type RowModal =
  | { kind: 'assign'; row: Nomination }
  | { kind: 'verify'; row: Nomination }
  | { kind: 'withdraw'; row: Nomination }
  | null;

export function NominationsTab({
  campaignId,
  units,
  categories,
  canNominate,
  canVerify,
  onChanged,
}: {
  campaignId: number;
  units: Unit[];
  categories: CampaignCategory[];
  canNominate: boolean;
  canVerify: boolean;
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [unitId, setUnitId] = useState<number | null>(null);
  const list = useApiData(
    (signal) => listNominations(campaignId, { status, unitId: unitId ?? undefined }, signal),
    [campaignId, status, unitId],
  );
  const [selected, setSelected] = useState<number[]>([]);
  const [isAddOpen, setIsAddOpen] = useState(false);
  const [rowModal, setRowModal] = useState<RowModal>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const refresh = () => {
    list.reload();
    onChanged();
  };

  const submit = async () => {
    setIsSubmitting(true);
    try {
      await submitNominations(campaignId, selected);
      message.success(t('ident.nom.submitted', { n: selected.length }));
      setSelected([]);
      refresh();
    } catch (error) {
      showError(error);
    } finally {
      setIsSubmitting(false);
    }
  };

  const rows = list.data ?? [];

  return (
    <div data-testid="ident-nominations">
      <Space style={{ marginBottom: 12 }} wrap>
        {canNominate && (
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setIsAddOpen(true)}
              data-testid="nominate-open"
            >
              {t('ident.nom.add')}
            </Button>
            <Button
              icon={<SendOutlined />}
              disabled={selected.length === 0}
              loading={isSubmitting}
              onClick={() => void submit()}
              data-testid="nominations-submit"
            >
              {t('ident.nom.submit', { n: selected.length })}
            </Button>
          </>
        )}
        <Select
          allowClear
          placeholder={t('ident.nom.allStatuses')}
          value={status}
          onChange={(next: string | undefined) => {
            setStatus(next);
            setSelected([]);
          }}
          options={NOMINATION_STATUSES.map((value) => ({
            value,
            label: <NominationStatusTag status={value} lang={lang} />,
          }))}
          style={{ width: 180 }}
          data-testid="nominations-status-filter"
        />
        <UnitFilter
          units={units}
          value={unitId}
          onChange={(next) => {
            setUnitId(next);
            setSelected([]);
          }}
          placeholder={t('ident.nom.allUnits')}
          style={{ width: 200 }}
          testId="nominations-unit-filter"
        />
        <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="nominations-refresh">
          {t('common.refresh')}
        </Button>
      </Space>
      <Table<Nomination>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('ident.nom.empty') }}
        scroll={{ x: 'max-content' }}
        data-testid="nominations-table"
        rowSelection={
          canNominate
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (row) => ({ disabled: !SUBMITTABLE.includes(row.status) }),
              }
            : undefined
        }
        onRow={(row) => ({ 'data-testid': `nomination-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('ident.nom.col.name'), dataIndex: 'name' },
          { title: t('ident.nom.col.id'), dataIndex: 'idMasked' },
          { title: t('ident.nom.col.unit'), dataIndex: 'unitName' },
          { title: t('ident.nom.col.category'), dataIndex: 'categoryName' },
          {
            title: t('ident.nom.col.status'),
            render: (_value, row) => (
              <Space size={4}>
                <NominationStatusTag status={row.status} lang={lang} />
                {row.status === 'in-review' && row.stepIndex !== null && (
                  <Tag>{t('ident.nom.stepN', { n: row.stepIndex + 1 })}</Tag>
                )}
              </Space>
            ),
          },
          { title: t('ident.nom.col.reason'), dataIndex: 'reason', render: (value: string | null) => value ?? '' },
          {
            title: t('common.actions'),
            render: (_value, row) => (
              <Space size={0} wrap>
                {canVerify && ASSIGNABLE.includes(row.status) && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setRowModal({ kind: 'assign', row })}
                    data-testid={`nomination-assign-${row.id}`}
                  >
                    {t('ident.nom.assign')}
                  </Button>
                )}
                {canVerify && row.status === 'verifying' && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setRowModal({ kind: 'verify', row })}
                    data-testid={`nomination-verify-${row.id}`}
                  >
                    {t('ident.nom.verify')}
                  </Button>
                )}
                {canNominate && WITHDRAWABLE.includes(row.status) && (
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => setRowModal({ kind: 'withdraw', row })}
                    data-testid={`nomination-withdraw-${row.id}`}
                  >
                    {t('ident.nom.withdraw')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <NominateModal
        open={isAddOpen}
        campaignId={campaignId}
        units={units}
        categories={categories}
        onClose={() => setIsAddOpen(false)}
        onDone={() => {
          setIsAddOpen(false);
          refresh();
        }}
      />
      <AssignModal
        campaignId={campaignId}
        row={rowModal?.kind === 'assign' ? rowModal.row : null}
        onClose={() => setRowModal(null)}
        onDone={() => {
          setRowModal(null);
          refresh();
        }}
      />
      <VerifyModal
        campaignId={campaignId}
        row={rowModal?.kind === 'verify' ? rowModal.row : null}
        onClose={() => setRowModal(null)}
        onDone={() => {
          setRowModal(null);
          refresh();
        }}
      />
      <WithdrawModal
        campaignId={campaignId}
        row={rowModal?.kind === 'withdraw' ? rowModal.row : null}
        onClose={() => setRowModal(null)}
        onDone={() => {
          setRowModal(null);
          refresh();
        }}
      />
    </div>
  );
}

interface NominateValues {
  personId: number;
  categoryId: number;
  unitId: number;
  consent: boolean;
}

function NominateModal({
  open,
  campaignId,
  units,
  categories,
  onClose,
  onDone,
}: {
  open: boolean;
  campaignId: number;
  units: Unit[];
  categories: CampaignCategory[];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const account = useAccount();
  const showError = useApiError();
  const [form] = Form.useForm<NominateValues>();
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await nominate(campaignId, {
        personId: values.personId,
        categoryId: values.categoryId,
        unitId: values.unitId,
        consent: values.consent === true,
      });
      message.success(t('ident.nom.created'));
      onDone();
    } catch (error) {
      showError(error, { form });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('ident.nom.addTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ 'data-testid': 'nominate-submit' }}
      destroyOnHidden
    >
      <Form<NominateValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ unitId: account.unitId, consent: false }}
      >
        <Form.Item
          name="personId"
          label={t('ident.nom.person')}
          rules={[{ required: true, message: t('ident.nom.personRequired') }]}
        >
          <PersonPicker testId="nominate-person" />
        </Form.Item>
        <Form.Item
          name="categoryId"
          label={t('ident.nom.category')}
          rules={[{ required: true, message: t('ident.nom.categoryRequired') }]}
        >
          <Select
            options={categories.map((category) => ({ value: category.id, label: category.name }))}
            data-testid="nominate-category"
          />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('ident.nom.unit')}
          rules={[{ required: true, message: t('ident.nom.unitRequired') }]}
        >
          <UnitPicker units={units} testId="nominate-unit" />
        </Form.Item>
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[
            {
              validator: async (_rule, value: boolean | undefined) => {
                if (!value) throw new Error(t('ident.nom.consentRequired'));
              },
            },
          ]}
        >
          <Checkbox data-testid="nominate-consent">{t('ident.nom.consent')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AssignModal({
  campaignId,
  row,
  onClose,
  onDone,
}: {
  campaignId: number;
  row: Nomination | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const showError = useApiError();
  const [form] = Form.useForm<{ verifier: string }>();
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    if (!row) return;
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await assignVerifier(campaignId, row.id, values.verifier.trim());
      onDone();
    } catch (error) {
      showError(error, { form });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal
      open={row !== null}
      title={`${t('ident.nom.assign')}：${row?.name ?? ''}`}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ 'data-testid': 'assign-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="verifier"
          label={t('ident.nom.verifier')}
          rules={[{ required: true, whitespace: true, message: t('ident.nom.required') }]}
        >
          <Input maxLength={100} data-testid="assign-verifier" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface VerifyValues {
  visitedOn: string;
  visitors: string;
  eligible: boolean;
  reason?: string;
}

function VerifyModal({
  campaignId,
  row,
  onClose,
  onDone,
}: {
  campaignId: number;
  row: Nomination | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const showError = useApiError();
  const [form] = Form.useForm<VerifyValues>();
  const [isBusy, setIsBusy] = useState(false);
  const eligible = Form.useWatch('eligible', form) as boolean | undefined;

  const submit = async () => {
    if (!row) return;
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await recordVerification(campaignId, row.id, {
        visitedOn: values.visitedOn,
        visitors: values.visitors.trim(),
        findings: {},
        eligible: values.eligible,
        reason: values.reason?.trim() || undefined,
      });
      onDone();
    } catch (error) {
      showError(error, { form });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal
      open={row !== null}
      title={t('ident.nom.verifyTitle', { name: row?.name ?? '' })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ 'data-testid': 'verify-submit' }}
      destroyOnHidden
    >
      <Form<VerifyValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ visitedOn: todayInShanghai(), eligible: true }}
      >
        <Form.Item
          name="visitedOn"
          label={t('ident.nom.visitedOn')}
          rules={[{ required: true, message: t('ident.nom.required') }]}
        >
          <Input type="date" data-testid="verify-date" />
        </Form.Item>
        <Form.Item
          name="visitors"
          label={t('ident.nom.visitors')}
          rules={[{ required: true, whitespace: true, message: t('ident.nom.required') }]}
        >
          <Input maxLength={200} data-testid="verify-visitors" />
        </Form.Item>
        <Form.Item name="eligible" label={t('ident.nom.eligible')}>
          <Radio.Group data-testid="verify-eligible">
            <Radio value={true} data-testid="verify-eligible-yes">
              {t('ident.nom.eligibleYes')}
            </Radio>
            <Radio value={false} data-testid="verify-eligible-no">
              {t('ident.nom.eligibleNo')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('ident.nom.reason')}
          rules={[{ required: eligible === false, whitespace: true, message: t('ident.nom.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="verify-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WithdrawModal({
  campaignId,
  row,
  onClose,
  onDone,
}: {
  campaignId: number;
  row: Nomination | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const showError = useApiError();
  const [form] = Form.useForm<{ reason: string }>();
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    if (!row) return;
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await withdrawNomination(campaignId, row.id, values.reason.trim());
      onDone();
    } catch (error) {
      showError(error, { form });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal
      open={row !== null}
      title={t('ident.nom.withdrawTitle', { name: row?.name ?? '' })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ danger: true, 'data-testid': 'withdraw-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('ident.nom.reason')}
          rules={[{ required: true, whitespace: true, message: t('ident.nom.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
