/**
 * 申报: the campaign's nominations, paged on the server, with status and unit filters; nominate from
 * the registry (checklist, and the person must know and agree), assign a verifier, record the home
 * visit, withdraw, and submit for review. A name voted down at the democratic review (篇二) cannot be
 * selected for submission until a reviewer above overrides the verdict; a unit behind the first
 * deadline is told how many are missing.
 */
import { Alert, App, Button, Form, Grid, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import type { CampaignCategory } from '../../campaign/api/campaign-api.ts';
import type { Unit } from '../../org/api/org-api.ts';
import { UnitFilter } from '../../registry/components/unit-filter.tsx';
import {
  assignVerifier,
  getProgress,
  overrideDemocraticVote,
  submitNominations,
  correctFinalName,
  withdrawNomination,
  type CategorySetting,
  type Nomination,
  type NominationStatus,
} from '../api/identification-api.ts';
import { useNominationPage } from '../hooks/use-nomination-page.ts';
import { NOMINATION_STATUSES } from '../nomination-labels.ts';
import { deadlineDay, lateRows } from '../progress-display.ts';
import { NominateModal } from './nominate-modal.tsx';
import { NominationCards } from './nomination-cards.tsx';
import { NominationStatusTag } from './nomination-status-tag.tsx';
import { stepHeldBy } from './review-tab.tsx';
import { VisitDrawer } from './visit-drawer.tsx';

const SUBMITTABLE: readonly NominationStatus[] = ['nominated', 'verified', 'returned'];
const WITHDRAWABLE: readonly NominationStatus[] = ['nominated', 'verified', 'returned'];
const ASSIGNABLE: readonly NominationStatus[] = ['nominated', 'verifying', 'returned'];

type RowModal = { kind: 'assign' | 'withdraw' | 'correct' | 'override'; row: Nomination } | null;

/** Sent up only when in the unit's hands and not voted down at the democratic review. */
const canSubmitRow = (row: Nomination) => SUBMITTABLE.includes(row.status) && row.democraticVote !== 'disagreed';

export function NominationsTab({
  campaignId,
  units,
  categories,
  categorySettings,
  canNominate,
  canVerify,
  canCorrect,
  canOverride,
  showLate,
  onChanged,
}: {
  campaignId: number;
  units: Unit[];
  categories: CampaignCategory[];
  categorySettings: CategorySetting[];
  canNominate: boolean;
  canVerify: boolean;
  /** the organiser: a locked list changes only through a recorded correction */
  canCorrect: boolean;
  /** a reviewer: may set a democratic review's 不同意 aside (the server checks the unit is above) */
  canOverride: boolean;
  /** the unit's own staff: told here when their unit is behind the first deadline */
  showLate: boolean;
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const { list, pagination } = useNominationPage(campaignId, { status, unitId: unitId ?? undefined }, () =>
    setSelected([]),
  );
  const [isAddOpen, setIsAddOpen] = useState(false);
  const [rowModal, setRowModal] = useState<RowModal>(null);
  const [visiting, setVisiting] = useState<number | null>(null);
  const { isBusy: isSubmitting, run } = useSubmit();

  const refresh = () => {
    list.reload();
    onChanged();
  };

  const submit = async () => {
    await run(async () => {
      await submitNominations(campaignId, selected);
      message.success(t('ident.nom.submitted', { n: selected.length }));
      setSelected([]);
      refresh();
    });
  };

  const rows = list.data?.nominations ?? [];
  const hasVotedDown = rows.some((row) => row.democraticVote === 'disagreed');
  // unknown on the first render: the table, as on a desk
  const isPhone = screens.md === false;

  const actions = (row: Nomination) => (
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
      {canVerify && row.status === 'verifying' ? (
        <Button
          type="link"
          size="small"
          onClick={() => setVisiting(row.id)}
          data-testid={`nomination-verify-${row.id}`}
        >
          {t('ident.nom.verify')}
        </Button>
      ) : (
        <Button type="link" size="small" onClick={() => setVisiting(row.id)} data-testid={`nomination-open-${row.id}`}>
          {t('ident.visit.open')}
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
      {canOverride && row.democraticVote === 'disagreed' && (
        <Button
          type="link"
          size="small"
          onClick={() => setRowModal({ kind: 'override', row })}
          data-testid={`nomination-override-${row.id}`}
        >
          {t('ident.nom.override')}
        </Button>
      )}
      {canCorrect && row.status === 'final' && (
        <Button
          type="link"
          size="small"
          danger
          onClick={() => setRowModal({ kind: 'correct', row })}
          data-testid={`nomination-correct-${row.id}`}
        >
          {t('ident.nom.correct')}
        </Button>
      )}
    </Space>
  );

  return (
    <div data-testid="ident-nominations">
      {showLate && <LateAlert campaignId={campaignId} reloadedWith={list.data} />}
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
            <Tooltip title={hasVotedDown ? t('ident.nom.votedDownHelp') : undefined}>
              <Button
                icon={<SendOutlined />}
                disabled={selected.length === 0}
                loading={isSubmitting}
                onClick={() => void submit()}
                data-testid="nominations-submit"
              >
                {t('ident.nom.submit', { n: selected.length })}
              </Button>
            </Tooltip>
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
      {isPhone ? (
        <NominationCards
          rows={rows}
          isLoading={list.isLoading}
          pagination={pagination}
          selected={selected}
          canSelect={canNominate ? canSubmitRow : null}
          onSelect={(id, checked) =>
            setSelected((current) => (checked ? [...current, id] : current.filter((other) => other !== id)))
          }
          actions={actions}
        />
      ) : (
        <Table<Nomination>
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={rows}
          pagination={{ ...pagination, showTotal: (total) => t('ident.nom.total', { n: total }) }}
          locale={{ emptyText: t('ident.nom.empty') }}
          scroll={{ x: 'max-content' }}
          data-testid="nominations-table"
          rowSelection={
            canNominate
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as number[]),
                  getCheckboxProps: (row) => ({ disabled: !canSubmitRow(row) }),
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
                    <Tooltip title={row.reviewStep ? stepHeldBy(row.reviewStep, t) : undefined}>
                      <Tag>{row.reviewStep?.label ?? t('ident.nom.stepN', { n: row.stepIndex + 1 })}</Tag>
                    </Tooltip>
                  )}
                  <VoteTag row={row} />
                </Space>
              ),
            },
            { title: t('ident.nom.col.reason'), dataIndex: 'reason', render: (value: string | null) => value ?? '' },
            {
              title: t('common.actions'),
              render: (_value, row) => actions(row),
            },
          ]}
        />
      )}
      <NominateModal
        open={isAddOpen}
        campaignId={campaignId}
        units={units}
        categories={categories}
        categorySettings={categorySettings}
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
      <VisitDrawer
        campaignId={campaignId}
        nominationId={visiting}
        canVerify={canVerify}
        onClose={() => setVisiting(null)}
        onDone={() => {
          setVisiting(null);
          refresh();
        }}
      />
      {(rowModal?.kind === 'withdraw' || rowModal?.kind === 'correct' || rowModal?.kind === 'override') && (
        <ReasonModal
          kind={rowModal.kind}
          row={rowModal.row}
          onSubmit={async (reason) => {
            if (rowModal.kind === 'withdraw') await withdrawNomination(campaignId, rowModal.row.id, reason);
            else if (rowModal.kind === 'correct') await correctFinalName(campaignId, rowModal.row.id, reason);
            else {
              await overrideDemocraticVote(campaignId, rowModal.row.id, reason);
              message.success(t('ident.nom.overrideDone'));
            }
          }}
          onClose={() => setRowModal(null)}
          onDone={() => {
            setRowModal(null);
            refresh();
          }}
        />
      )}
    </div>
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
  const [form] = Form.useForm<{ verifier: string }>();
  const { isBusy, run } = useSubmit(form);

  const submit = async () => {
    if (!row) return;
    const values = await form.validateFields();
    await run(async () => {
      await assignVerifier(campaignId, row.id, values.verifier.trim());
      onDone();
    });
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

/** 评议未通过 (voted down, with what it means), or a note that the verdict was overridden. */
function VoteTag({ row }: { row: Nomination }) {
  const { t } = useI18n();
  if (row.democraticVote === 'disagreed') {
    return (
      <Tooltip title={t('ident.nom.votedDownHelp')}>
        <Tag color="error" data-testid={`nomination-voted-down-${row.id}`}>
          {t('ident.nom.votedDown')}
        </Tag>
      </Tooltip>
    );
  }
  if (row.democraticVote === 'overridden') return <Tag>{t('ident.nom.voteOverridden')}</Tag>;
  return null;
}

/** The unit's staff are told when their unit is behind the first deadline, and by how many. */
function LateAlert({ campaignId, reloadedWith }: { campaignId: number; reloadedWith: unknown }) {
  const { t, lang } = useI18n();
  const progress = useApiData((signal) => getProgress(campaignId, signal), [campaignId, reloadedWith]);
  const late = lateRows(progress.data ?? []);
  if (late.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('ident.late.title')}
      description={late.map((row) => (
        <div key={row.unitId} data-testid={`late-unit-${row.unitId}`}>
          {t('ident.late.unit', {
            unit: row.unitName,
            date: deadlineDay(row.firstDeadline!.deadline, lang),
            required: row.firstDeadline!.required,
            submitted: row.firstDeadline!.submitted,
            missing: row.firstDeadline!.missing,
          })}
        </div>
      ))}
      data-testid="late-alert"
    />
  );
}

const REASON_TITLES = {
  withdraw: 'ident.nom.withdrawTitle',
  correct: 'ident.nom.correctTitle',
  override: 'ident.nom.overrideTitle',
} as const;

/**
 * Withdrawing a name (the clerk), correcting the locked list (the organiser) or overriding a
 * democratic review's verdict (a reviewer above): each needs its reason.
 */
function ReasonModal({
  kind,
  row,
  onSubmit,
  onClose,
  onDone,
}: {
  kind: 'withdraw' | 'correct' | 'override';
  row: Nomination;
  onSubmit(reason: string): Promise<void>;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const { isBusy, run } = useSubmit(form);

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      await onSubmit(values.reason.trim());
      onDone();
    });
  };

  return (
    <Modal
      open
      title={t(REASON_TITLES[kind], { name: row.name })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ danger: true, 'data-testid': `${kind}-submit` }}
      destroyOnHidden
    >
      {kind === 'correct' && <Typography.Paragraph type="secondary">{t('ident.nom.correctHelp')}</Typography.Paragraph>}
      {kind === 'override' && (
        <Typography.Paragraph type="secondary">{t('ident.nom.overrideHelp')}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('ident.nom.reason')}
          rules={[{ required: true, whitespace: true, message: t('ident.nom.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={kind === 'override' ? 400 : 500} data-testid={`${kind}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
