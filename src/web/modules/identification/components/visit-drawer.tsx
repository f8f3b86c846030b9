/**
 * 入户核实 on a phone: one name with where to find the household (address, phones, members, hardship),
 * the checklist the clerk filled in, then the verifier's visit —
 * date, who went, each criterion found to hold or not, a note, photos, and the outcome (confirmed, or
 * not eligible with the reason). Earlier visits, their photos and the name's history are shown below.
 */
import { App, Button, Descriptions, Drawer, Form, Input, Radio, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useApiError } from '../../../app/use-api-error.tsx';
import { useSubmit } from '../../../app/use-submit.ts';
import { ageOn } from '../../../../modules/registry/id-number.ts';
import { todayInShanghai } from '../../registry/registry-labels.ts';
import {
  getNomination,
  recordVerification,
  uploadVisitPhoto,
  visitPhotoUrl,
  type Criterion,
  type NominationDetail,
  type NominationStatus,
  type VisitFindings,
  type VisitRecord,
} from '../api/identification-api.ts';
import { nominationStatusLabel } from '../nomination-labels.ts';
import { NominationStatusTag } from './nomination-status-tag.tsx';

const PHOTO_LIMIT = 9;

interface VisitValues {
  visitedOn: string;
  visitors: string;
  findings?: Record<string, boolean | undefined>;
  note?: string;
  eligible: boolean;
  reason?: string;
}

export function VisitDrawer({
  campaignId,
  nominationId,
  canVerify,
  onClose,
  onDone,
}: {
  campaignId: number;
  nominationId: number | null;
  canVerify: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { t, lang } = useI18n();
  const detail = useApiData(
    (signal) => (nominationId ? getNomination(campaignId, nominationId, signal) : Promise.resolve(null)),
    [campaignId, nominationId],
  );
  const data = detail.data;
  const width = typeof window === 'undefined' ? 520 : Math.min(520, window.innerWidth);
  return (
    <Drawer
      open={nominationId !== null}
      onClose={onClose}
      size={width}
      title={
        !data
          ? t('ident.visit.title')
          : canVerify && data.status === 'verifying'
            ? t('ident.nom.verifyTitle', { name: data.name })
            : t('ident.visit.detailTitle', { name: data.name })
      }
      destroyOnHidden
      data-testid="visit-drawer"
    >
      {!data ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'unit', label: t('ident.nom.col.unit'), children: data.unitName },
              { key: 'category', label: t('ident.nom.col.category'), children: data.categoryName },
              {
                key: 'status',
                label: t('ident.nom.col.status'),
                children: <NominationStatusTag status={data.status} lang={lang} />,
              },
              ...(data.verifier ? [{ key: 'verifier', label: t('ident.nom.verifier'), children: data.verifier }] : []),
              ...(data.recommendation
                ? [
                    {
                      key: 'recommendation',
                      label: t('ident.visit.recommendedBy'),
                      children: `${data.recommendation.recommenderName}（${data.recommendation.recommenderContact}）`,
                    },
                  ]
                : []),
            ]}
          />
          {data.household && <HouseholdCard household={data.household} />}
          <ClerkChecklist detail={data} />
          {canVerify && data.status === 'verifying' && (
            <VisitForm
              campaignId={campaignId}
              detail={data}
              onDone={() => {
                detail.reload();
                onDone();
              }}
            />
          )}
          {data.visits.map((visit) => (
            <VisitCard
              key={visit.id}
              campaignId={campaignId}
              nominationId={data.id}
              visit={visit}
              criteria={data.criteria}
              canAddPhotos={canVerify}
              onPhotosAdded={detail.reload}
            />
          ))}
          <History detail={data} />
        </Space>
      )}
    </Drawer>
  );
}

/** What the visitor needs at the door; ID numbers are masked, the registry page reveals them to those allowed. */
function HouseholdCard({ household }: { household: NonNullable<NominationDetail['household']> }) {
  const { t } = useI18n();
  const phones = [...new Set([household.phone, household.householdPhone].filter((phone): phone is string => !!phone))];
  const sex = household.sex === 'male' ? t('ident.visit.sex.male') : t('ident.visit.sex.female');
  return (
    <div data-testid="visit-household">
      <Typography.Text strong>{t('ident.visit.household')}</Typography.Text>
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'address',
            label: t('ident.visit.address'),
            children: <span data-testid="visit-address">{household.address ?? t('ident.visit.unknown')}</span>,
          },
          {
            key: 'phone',
            label: t('ident.visit.phone'),
            children:
              phones.length === 0 ? (
                t('ident.visit.unknown')
              ) : (
                <Space size={12} wrap data-testid="visit-phone">
                  {phones.map((phone) => (
                    <a key={phone} href={`tel:${phone}`}>
                      {phone}
                    </a>
                  ))}
                </Space>
              ),
          },
          {
            key: 'person',
            label: t('ident.visit.person'),
            children: t('ident.visit.age', {
              sex,
              age: ageOn(household.birthDate, todayInShanghai()),
              birth: household.birthDate,
            }),
          },
          {
            key: 'size',
            label: t('ident.visit.size'),
            children:
              household.householdSize === null
                ? t('ident.visit.unknown')
                : t('ident.visit.sizeN', { n: household.householdSize }),
          },
          {
            key: 'members',
            label: t('ident.visit.members'),
            children: (
              <div data-testid="visit-members">
                {household.members.map((member) => (
                  <div key={`${member.name}-${member.idMasked}`}>
                    {member.name}（{member.relation}）
                    <Typography.Text type="secondary">{member.idMasked}</Typography.Text>
                  </div>
                ))}
              </div>
            ),
          },
          ...(household.hardship
            ? [{ key: 'hardship', label: t('ident.visit.hardship'), children: household.hardship }]
            : []),
        ]}
      />
    </div>
  );
}

function ClerkChecklist({ detail }: { detail: NominationDetail }) {
  const { t } = useI18n();
  if (detail.criteria.length === 0) return null;
  return (
    <div data-testid="visit-clerk-checklist">
      <Typography.Text strong>{t('ident.visit.clerkChecklist')}</Typography.Text>
      {detail.criteria.map((criterion) => (
        <div key={criterion.key}>
          <Tag color={detail.checklist[criterion.key] ? 'green' : 'default'}>
            {detail.checklist[criterion.key] ? '✓' : '—'}
          </Tag>
          {criterion.label}
        </div>
      ))}
    </div>
  );
}

function VisitForm({ campaignId, detail, onDone }: { campaignId: number; detail: NominationDetail; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<VisitValues>();
  const [photos, setPhotos] = useState<File[]>([]);
  const { isBusy, run } = useSubmit(form);
  const eligible = Form.useWatch('eligible', form) as boolean | undefined;

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      const { verificationId } = await recordVerification(campaignId, detail.id, {
        visitedOn: values.visitedOn,
        visitors: values.visitors.trim(),
        findings: findingsOf(detail.criteria, values),
        eligible: values.eligible,
        reason: values.reason?.trim() || undefined,
      });
      // the visit is saved: a photo that fails is reported, and can be added to the visit afterwards
      try {
        for (const photo of photos) await uploadVisitPhoto(campaignId, detail.id, verificationId, photo);
        message.success(t('ident.visit.saved'));
      } catch (error) {
        showError(error);
      }
      onDone();
    });
  };

  return (
    <Form<VisitValues>
      form={form}
      layout="vertical"
      initialValues={{ visitedOn: todayInShanghai(), visitors: detail.verifier ?? '', eligible: true }}
      data-testid="visit-form"
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
      {detail.criteria.length > 0 && (
        <Typography.Paragraph strong style={{ marginBottom: 8 }}>
          {t('ident.visit.findings')}
        </Typography.Paragraph>
      )}
      {detail.criteria.map((criterion) => (
        <Form.Item key={criterion.key} name={['findings', criterion.key]} label={criterion.label}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid={`finding-${criterion.key}`}>
            <Radio value={true} data-testid={`finding-${criterion.key}-yes`}>
              {t('ident.visit.holds')}
            </Radio>
            <Radio value={false} data-testid={`finding-${criterion.key}-no`}>
              {t('ident.visit.doesNotHold')}
            </Radio>
          </Radio.Group>
        </Form.Item>
      ))}
      <Form.Item name="note" label={t('ident.visit.note')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="verify-note" />
      </Form.Item>
      <Form.Item label={t('ident.visit.photos')} extra={t('ident.visit.photosHelp', { n: PHOTO_LIMIT })}>
        <PhotoButton
          label={t('ident.visit.addPhotos')}
          testId="verify-photos"
          onFiles={(chosen) => setPhotos((current) => [...current, ...chosen].slice(0, PHOTO_LIMIT))}
        />
        {photos.length > 0 && (
          <div data-testid="verify-photo-list" style={{ marginTop: 8 }}>
            {photos.map((photo, index) => (
              <Tag
                key={`${photo.name}-${index}`}
                closable
                onClose={() => setPhotos((current) => current.filter((_, at) => at !== index))}
              >
                {photo.name}
              </Tag>
            ))}
          </div>
        )}
      </Form.Item>
      <Form.Item name="eligible" label={t('ident.nom.eligible')}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="verify-eligible">
          <Radio value={true} data-testid="verify-eligible-yes">
            {t('ident.nom.eligibleYes')}
          </Radio>
          <Radio value={false} data-testid="verify-eligible-no">
            {t('ident.nom.eligibleNo')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {eligible === false && (
        <Form.Item
          name="reason"
          label={t('ident.nom.reason')}
          rules={[{ required: true, whitespace: true, message: t('ident.nom.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="verify-reason" />
        </Form.Item>
      )}
      <Button
        type="primary"
        block
        size="large"
        loading={isBusy}
        onClick={() => void submit().catch(() => undefined)}
        data-testid="verify-submit"
      >
        {t('ident.visit.submit')}
      </Button>
    </Form>
  );
}

/** Only the criteria the verifier answered, and the note when there is one. */
function findingsOf(criteria: Criterion[], values: VisitValues): VisitFindings {
  const findings: Record<string, boolean | string> = {};
  for (const criterion of criteria) {
    const answer = values.findings?.[criterion.key];
    if (typeof answer === 'boolean') findings[criterion.key] = answer;
  }
  const note = values.note?.trim();
  if (note) findings.note = note;
  return findings;
}

function VisitCard({
  campaignId,
  nominationId,
  visit,
  criteria,
  canAddPhotos,
  onPhotosAdded,
}: {
  campaignId: number;
  nominationId: number;
  visit: VisitRecord;
  criteria: Criterion[];
  canAddPhotos: boolean;
  onPhotosAdded(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const addPhotos = async (files: File[]) => {
    try {
      for (const file of files) await uploadVisitPhoto(campaignId, nominationId, visit.id, file);
      message.success(t('ident.visit.photosAdded'));
    } catch (error) {
      showError(error);
    } finally {
      onPhotosAdded();
    }
  };
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }} data-testid={`visit-${visit.id}`}>
      <Space wrap>
        <Typography.Text strong>{visit.visitedOn}</Typography.Text>
        <Typography.Text>{visit.visitors}</Typography.Text>
        <Tag color={visit.eligible ? 'green' : 'red'}>
          {visit.eligible ? t('ident.nom.eligibleYes') : t('ident.nom.eligibleNo')}
        </Tag>
      </Space>
      {criteria
        .filter((criterion) => typeof visit.findings[criterion.key] === 'boolean')
        .map((criterion) => (
          <div key={criterion.key}>
            <Tag color={visit.findings[criterion.key] ? 'green' : 'red'}>
              {visit.findings[criterion.key] ? t('ident.visit.holds') : t('ident.visit.doesNotHold')}
            </Tag>
            {criterion.label}
          </div>
        ))}
      {typeof visit.findings.note === 'string' && <Typography.Paragraph>{visit.findings.note}</Typography.Paragraph>}
      {visit.reason && <Typography.Paragraph type="danger">{visit.reason}</Typography.Paragraph>}
      {visit.photos.length > 0 && (
        <Space wrap>
          {visit.photos.map((photo) => (
            <a key={photo.id} href={visitPhotoUrl(campaignId, nominationId, photo.id)} target="_blank" rel="noreferrer">
              <img
                src={visitPhotoUrl(campaignId, nominationId, photo.id)}
                alt={t('ident.visit.photo')}
                style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 4 }}
                data-testid={`visit-photo-${photo.id}`}
              />
            </a>
          ))}
        </Space>
      )}
      {canAddPhotos && visit.photos.length < PHOTO_LIMIT && (
        <div style={{ marginTop: 8 }}>
          <PhotoButton
            label={t('ident.visit.addPhotos')}
            testId={`visit-add-photos-${visit.id}`}
            onFiles={(files) => void addPhotos(files.slice(0, PHOTO_LIMIT - visit.photos.length))}
          />
        </div>
      )}
    </div>
  );
}

/** Take photos with the phone's camera or choose them from the album. */
function PhotoButton({ label, testId, onFiles }: { label: string; testId: string; onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={<CameraOutlined />} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        multiple
        hidden
        data-testid={testId}
        onChange={(event) => {
          onFiles(Array.from(event.target.files ?? []));
          event.target.value = '';
        }}
      />
    </>
  );
}

function History({ detail }: { detail: NominationDetail }) {
  const { t, lang } = useI18n();
  return (
    <div>
      <Typography.Text strong>{t('ident.visit.history')}</Typography.Text>
      <Timeline
        style={{ marginTop: 12 }}
        items={detail.history.map((event) => ({
          content: (
            <span>
              {chinaTime(event.at)} {event.actor}：
              {nominationStatusLabel(event.toState as NominationStatus, lang) ?? event.toState}
              {event.reason ? `（${event.reason}）` : ''}
            </span>
          ),
        }))}
      />
    </div>
  );
}

const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** Times are stored in UTC; the history shows them as the clerk's clock reads them (Beijing time). */
function chinaTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : CHINA_TIME.format(date);
}
