/**
 * One person's file: who they are (ID masked; the full number only on request, and logged), the
 * household, the hardship timeline, campaigns, bars and possible duplicates.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { formatFen } from '../app/money-input.ts';
import { Link } from '../app/router.tsx';
import { useApiData } from '../app/use-api-data.ts';
import { useUnits } from '../modules/org/hooks/use-units.ts';
import {
  getPerson,
  type BlacklistEntry,
  type HardshipRecord,
  type PersonDetail,
} from '../modules/registry/api/registry-api.ts';
import { HardshipModal } from '../modules/registry/components/hardship-modal.tsx';
import { OutsideScopeNote } from '../modules/registry/components/outside-scope-note.tsx';
import { PersonEditModal } from '../modules/registry/components/person-edit-modal.tsx';
import { RevealIdNumber } from '../modules/registry/components/reveal-id-number.tsx';
import { useCategories } from '../modules/registry/hooks/use-categories.ts';
import { nominationStatusColor, nominationStatusLabel } from '../modules/identification/nomination-labels.ts';
import type { NominationStatus } from '../../modules/identification/nomination-state.ts';
import {
  blacklistState,
  blacklistStateColor,
  duplicateReasonLabel,
  formatDateTime,
  sexLabel,
  todayInShanghai,
} from '../modules/registry/registry-labels.ts';

type Member = PersonDetail['householdMembers'][number];
type DuplicateFlag = PersonDetail['duplicateFlags'][number];
type CampaignLine = PersonDetail['campaigns'][number];

export function RegistryPersonPage({ idParam }: { idParam: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const id = Number(idParam);
  if (!can('registry.read'))
    return <Result status="403" title={t('error.forbidden')} subTitle={t('registry.noPermission')} />;
  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title={t('registry.person.notFound')} />;
  return <PersonFile id={id} />;
}

function None() {
  const { t } = useI18n();
  return <Typography.Text type="secondary">{t('registry.notRecorded')}</Typography.Text>;
}

function orNone(value: ReactNode): ReactNode {
  return value === null || value === undefined || value === '' ? <None /> : value;
}

function PersonFile({ id }: { id: number }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { data: person, error, isLoading, reload, setData } = useApiData((signal) => getPerson(id, signal), [id]);
  const { units } = useUnits();
  const categories = useCategories();
  const [isEditOpen, setIsEditOpen] = useState(false);
  const [isHardshipOpen, setIsHardshipOpen] = useState(false);
  const [isStale, setIsStale] = useState(false);

  if (error)
    return (
      <Result
        status={error.status === 404 ? '404' : 'warning'}
        title={<span data-testid="person-error">{error.message}</span>}
        extra={
          <Space>
            <Link to="/registry">{t('registry.backToList')}</Link>
            {error.status !== 404 && <Button onClick={reload}>{t('common.retry')}</Button>}
          </Space>
        }
      />
    );
  if (!person || person.id !== id) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;

  const canWrite = can('registry.write');

  return (
    <div data-testid="person-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space align="center" wrap>
          <Link to="/registry" aria-label={t('registry.backToList')}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="person-name">
            {person.name}
          </Typography.Title>
          <Tag>{sexLabel(person.sex, t)}</Tag>
          <Tag>{t('registry.ageN', { age: person.age })}</Tag>
          {person.categories.map((name) => (
            <Tag key={name} color="volcano">
              {name}
            </Tag>
          ))}
          {person.blacklist.some((entry) => blacklistState(entry, todayInShanghai()) === 'active') && (
            <Tag color="red" data-testid="person-barred">
              {t('registry.person.barred')}
            </Tag>
          )}
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload} loading={isLoading}>
            {t('common.refresh')}
          </Button>
          {canWrite && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setIsEditOpen(true)}
              data-testid="person-edit"
            >
              {t('common.edit')}
            </Button>
          )}
        </Space>
      </Space>
      {isStale && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('error.stale')}
          description={t('registry.person.staleHelp')}
          action={
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                setIsStale(false);
                reload();
              }}
            >
              {t('registry.person.reload')}
            </Button>
          }
          data-testid="person-stale"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('registry.person.basic')}>
              <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
                <Descriptions.Item label={t('registry.col.idNumber')} span={2}>
                  <RevealIdNumber personId={person.id} idMasked={person.idMasked} name={person.name} />
                </Descriptions.Item>
                <Descriptions.Item label={t('registry.col.sexAge')}>
                  <span data-testid="person-sex-age">
                    {sexLabel(person.sex, t)} · {t('registry.ageN', { age: person.age })}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('registry.col.birthDate')}>{person.birthDate}</Descriptions.Item>
                <Descriptions.Item label={t('registry.col.unit')}>
                  <span data-testid="person-unit">{person.unitName}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('registry.col.phone')}>{orNone(person.phone)}</Descriptions.Item>
                <Descriptions.Item label={t('registry.col.relation')}>{orNone(person.relation)}</Descriptions.Item>
                <Descriptions.Item label={t('registry.col.categories')}>
                  {person.categories.length === 0 ? (
                    <None />
                  ) : (
                    <Space size={[0, 4]} wrap>
                      {person.categories.map((name) => (
                        <Tag key={name} color="volcano">
                          {name}
                        </Tag>
                      ))}
                    </Space>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('registry.person.createdAt')}>
                  {formatDateTime(person.createdAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('registry.person.updatedAt')}>
                  {formatDateTime(person.updatedAt)}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <HouseholdCard person={person} />
            <CampaignsCard campaigns={person.campaigns} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              size="small"
              title={t('registry.person.hardship')}
              extra={
                canWrite && (
                  <Button
                    size="small"
                    type="primary"
                    ghost
                    icon={<PlusOutlined />}
                    onClick={() => setIsHardshipOpen(true)}
                    data-testid="hardship-add"
                  >
                    {t('registry.hardship.addButton')}
                  </Button>
                )
              }
            >
              <HardshipTimeline records={person.hardship} />
            </Card>
            <BlacklistCard entries={person.blacklist} />
            <DuplicatesCard flags={person.duplicateFlags} />
          </Space>
        </Col>
      </Row>

      <PersonEditModal
        open={isEditOpen}
        person={person}
        units={units}
        categories={categories.categories}
        onClose={() => setIsEditOpen(false)}
        onSaved={(saved) => {
          setIsEditOpen(false);
          setIsStale(false);
          setData(saved);
        }}
        onStale={() => {
          setIsEditOpen(false);
          setIsStale(true);
        }}
      />
      <HardshipModal
        open={isHardshipOpen}
        person={person}
        onClose={() => setIsHardshipOpen(false)}
        onSaved={(saved) => {
          setIsHardshipOpen(false);
          setData(saved);
        }}
      />
    </div>
  );
}

function HouseholdCard({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  const columns: TableColumnsType<Member> = [
    {
      title: t('registry.col.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, member) =>
        member.id === person.id ? (
          <Space>
            {name}
            <Tag>{t('registry.person.self')}</Tag>
          </Space>
        ) : (
          <Link to={`/registry/people/${member.id}`}>{name}</Link>
        ),
    },
    { title: t('registry.col.relation'), dataIndex: 'relation', key: 'relation', width: 120 },
    {
      title: t('registry.col.idNumber'),
      dataIndex: 'idMasked',
      key: 'idMasked',
      width: 200,
      render: (masked: string) => (
        <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{masked}</span>
      ),
    },
  ];
  return (
    <Card size="small" title={t('registry.person.household')} data-testid="person-household">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('registry.household.address')} span={2}>
          {orNone(person.household.address)}
        </Descriptions.Item>
        <Descriptions.Item label={t('registry.household.size')}>
          {person.household.size === null ? <None /> : t('registry.household.sizeN', { size: person.household.size })}
        </Descriptions.Item>
        <Descriptions.Item label={t('registry.household.phone')}>{orNone(person.household.phone)}</Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t('registry.household.members')}</Typography.Text>
      <Table<Member>
        rowKey="id"
        size="small"
        style={{ marginTop: 8 }}
        dataSource={person.householdMembers}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('registry.household.noMembers') }}
      />
    </Card>
  );
}

function HardshipTimeline({ records }: { records: HardshipRecord[] }) {
  const { t } = useI18n();
  if (records.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.hardship.none')} />;
  return (
    <Timeline
      data-testid="hardship-timeline"
      items={records.map((record, index) => ({
        key: record.id,
        color: index === 0 ? 'red' : 'gray',
        title: (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(record.recordedAt)}
            <br />
            {record.recordedBy}
          </Typography.Text>
        ),
        content: (
          <div data-testid={`hardship-record-${record.id}`}>
            {record.cause && (
              <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                {record.cause}
              </Typography.Paragraph>
            )}
            <Space orientation="vertical" size={2}>
              {record.monthlyIncomeFen !== null && (
                <span>
                  {t('registry.hardship.income')}
                  {t('registry.colon')}
                  <span className="wn-money">{formatFen(record.monthlyIncomeFen)}</span> {t('common.yuan')}
                </span>
              )}
              {record.illness && (
                <span>
                  {t('registry.hardship.illness')}
                  {t('registry.colon')}
                  {record.illness}
                </span>
              )}
              {record.disability && (
                <span>
                  {t('registry.hardship.disability')}
                  {t('registry.colon')}
                  {record.disability}
                </span>
              )}
              {record.notes && (
                <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                  {record.notes}
                </Typography.Text>
              )}
            </Space>
          </div>
        ),
      }))}
      mode="start"
      titleSpan={7}
    />
  );
}

function CampaignsCard({ campaigns }: { campaigns: CampaignLine[] }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<CampaignLine> = [
    { title: t('registry.person.year'), dataIndex: 'year', key: 'year', width: 70 },
    {
      title: t('registry.person.campaign'),
      dataIndex: 'campaignName',
      key: 'campaign',
      render: (name: string, line) => <Link to={`/campaigns/${line.campaignId}/identification`}>{name}</Link>,
    },
    { title: t('registry.col.categories'), dataIndex: 'categoryName', key: 'category' },
    {
      title: t('registry.person.campaignStatus'),
      dataIndex: 'status',
      key: 'status',
      width: 130,
      render: (status: NominationStatus) => (
        <Tag color={nominationStatusColor(status)}>{nominationStatusLabel(status, lang)}</Tag>
      ),
    },
    {
      title: t('registry.person.amount'),
      dataIndex: 'amountFen',
      key: 'amount',
      align: 'right',
      className: 'wn-money',
      render: (fen: number | null) => (fen === null ? t('registry.person.amountPending') : formatFen(fen)),
    },
  ];
  return (
    <Card size="small" title={t('registry.person.campaigns')} data-testid="person-campaigns">
      {campaigns.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.person.noCampaigns')} />
      ) : (
        <Table<CampaignLine>
          rowKey={(line) => line.nominationId}
          size="small"
          dataSource={campaigns}
          columns={columns}
          pagination={false}
        />
      )}
    </Card>
  );
}

function BlacklistCard({ entries }: { entries: BlacklistEntry[] }) {
  const { t } = useI18n();
  const today = todayInShanghai();
  return (
    <Card
      size="small"
      title={t('registry.person.blacklist')}
      extra={<Link to="/registry/blacklist">{t('nav.registryBlacklist')}</Link>}
      data-testid="person-blacklist"
    >
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.person.noBlacklist')} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {entries.map((entry) => {
            const state = blacklistState(entry, today);
            return (
              <div
                key={entry.id}
                style={{ borderLeft: `3px solid ${state === 'active' ? '#ff4d4f' : '#d9d9d9'}`, paddingLeft: 10 }}
              >
                <Space wrap size={6}>
                  <Tag color={blacklistStateColor(state)}>{t(`registry.blacklist.state.${state}`)}</Tag>
                  <Typography.Text>{t('registry.blacklist.untilDate', { date: entry.until })}</Typography.Text>
                </Space>
                <div style={{ marginTop: 4 }}>{entry.reason}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('registry.blacklist.byAt', { by: entry.createdBy, at: formatDateTime(entry.createdAt) })}
                  {entry.liftedAt && ` · ${t('registry.blacklist.liftedAt', { at: formatDateTime(entry.liftedAt) })}`}
                </Typography.Text>
              </div>
            );
          })}
        </Space>
      )}
    </Card>
  );
}

function DuplicatesCard({ flags }: { flags: DuplicateFlag[] }) {
  const { t } = useI18n();
  const hasOpen = flags.some((flag) => flag.status === 'open');
  const columns: TableColumnsType<DuplicateFlag> = [
    {
      title: t('registry.duplicates.otherPerson'),
      dataIndex: 'otherName',
      key: 'other',
      render: (name: string | null, flag) =>
        flag.otherPersonId === null ? (
          <OutsideScopeNote />
        ) : (
          <Link to={`/registry/people/${flag.otherPersonId}`} data-testid={`duplicate-other-${flag.otherPersonId}`}>
            {name || `#${flag.otherPersonId}`}
          </Link>
        ),
    },
    {
      title: t('registry.duplicates.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (reason: string) => duplicateReasonLabel(reason, t),
    },
    {
      title: t('registry.duplicates.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (status: string) => (
        <Tag color={status === 'open' ? 'orange' : 'default'}>
          {status === 'open' || status === 'merged' || status === 'dismissed'
            ? t(`registry.duplicates.status.${status}`)
            : status}
        </Tag>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t('registry.person.duplicates')}
      extra={hasOpen && <Link to="/registry/duplicates">{t('registry.duplicates.handle')}</Link>}
      data-testid="person-duplicates"
    >
      {flags.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.person.noDuplicates')} />
      ) : (
        <Table<DuplicateFlag> rowKey="id" size="small" dataSource={flags} columns={columns} pagination={false} />
      )}
    </Card>
  );
}
