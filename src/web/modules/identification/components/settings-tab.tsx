/** 设置: deadlines, notice days, verification, review chain preset and per-category rules. */
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import type { CampaignCategory } from '../../campaign/api/campaign-api.ts';
import { useCategories } from '../../registry/hooks/use-categories.ts';
import {
  saveSettings,
  type Criterion,
  type IdentificationSettings,
  type ReviewStep,
} from '../api/identification-api.ts';

type ChainPreset = 'village' | 'company' | 'custom';

const CHAIN_PRESETS: Record<Exclude<ChainPreset, 'custom'>, ReviewStep[]> = {
  village: [
    { label: '镇街审核', unit: { levelsUp: 1 }, roles: ['reviewer', 'organiser'] },
    { label: '区县审批', unit: { levelsUp: 2 }, roles: ['reviewer', 'organiser'] },
  ],
  company: [{ label: '集团审批', unit: { levelsUp: 1 }, roles: ['reviewer', 'organiser'] }],
};

function presetOf(chain: ReviewStep[]): ChainPreset {
  for (const key of ['village', 'company'] as const) {
    if (JSON.stringify(CHAIN_PRESETS[key]) === JSON.stringify(chain)) return key;
  }
  return 'custom';
}

/** A review step as the form edits it: where its unit sits is a choice plus a number. */
interface StepRow {
  label: string;
  anchor: 'levelsUp' | 'depth';
  level: number;
  roles: ReviewStep['roles'];
}

const REVIEW_ROLE_OPTIONS = ['reviewer', 'organiser'] as const;

function stepRowOf(step: ReviewStep): StepRow {
  return 'levelsUp' in step.unit
    ? { label: step.label, anchor: 'levelsUp', level: step.unit.levelsUp, roles: step.roles }
    : { label: step.label, anchor: 'depth', level: step.unit.depth, roles: step.roles };
}

function stepOf(row: StepRow): ReviewStep {
  const level = row.level ?? 0;
  return {
    label: (row.label ?? '').trim(),
    unit: row.anchor === 'depth' ? { depth: level } : { levelsUp: level },
    roles: row.roles ?? [],
  };
}

interface FormValues {
  opensOn: string | null;
  firstDeadline: string | null;
  finalDeadline: string | null;
  firstDeadlineShare: number | null;
  noticeDays: number;
  verificationRequired: boolean;
  chain: ChainPreset;
  steps?: StepRow[];
  categories: {
    categoryId: number;
    registryCategoryId: number | null;
    minAge: number | null;
    criteria?: Partial<Criterion>[];
  }[];
}

/** Criteria as the organiser typed them: empty lines dropped, a key made for new ones (existing keys kept). */
function criteriaOf(rows: Partial<Criterion>[] | undefined): Criterion[] {
  return (rows ?? [])
    .filter((row) => (row.label ?? '').trim() !== '')
    .map((row) => ({
      key: row.key || `c${crypto.randomUUID().slice(0, 8)}`,
      label: row.label!.trim(),
      required: row.required === true,
    }));
}

const toDate = (value: string | null) => value ?? '';
const fromDate = (value: string | null | undefined) => (value ? value : null);

export function SettingsTab({
  campaignId,
  settings,
  categories,
  canEdit,
  onSaved,
}: {
  campaignId: number;
  settings: IdentificationSettings;
  categories: CampaignCategory[];
  canEdit: boolean;
  onSaved(settings: IdentificationSettings): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const registry = useCategories();
  const [form] = Form.useForm<FormValues>();
  const { isBusy: isSaving, run } = useSubmit(form);
  const [initialValues] = useState<FormValues>(() => ({
    opensOn: toDate(settings.opensOn),
    firstDeadline: toDate(settings.firstDeadline),
    finalDeadline: toDate(settings.finalDeadline),
    firstDeadlineShare: settings.firstDeadlineShare,
    noticeDays: settings.noticeDays,
    verificationRequired: settings.verificationRequired,
    chain: presetOf(settings.reviewChain),
    steps: settings.reviewChain.map(stepRowOf),
    categories: categories.map((category) => {
      const saved = settings.categories.find((entry) => entry.categoryId === category.id);
      return {
        categoryId: category.id,
        registryCategoryId: saved?.registryCategoryId ?? null,
        minAge: saved?.minAge ?? null,
        criteria: saved?.criteria ?? [],
      };
    }),
  }));

  const save = async (values: FormValues) => {
    await run(async () => {
      const body: IdentificationSettings = {
        opensOn: fromDate(values.opensOn),
        firstDeadline: fromDate(values.firstDeadline),
        finalDeadline: fromDate(values.finalDeadline),
        firstDeadlineShare: values.firstDeadlineShare ?? null,
        noticeDays: values.noticeDays,
        verificationRequired: values.verificationRequired,
        reviewChain: values.chain === 'custom' ? (values.steps ?? []).map(stepOf) : CHAIN_PRESETS[values.chain],
        // only the edited fields travel in `values`; the category of each row is its position
        categories: categories.map((category, index) => ({
          categoryId: category.id,
          registryCategoryId: values.categories?.[index]?.registryCategoryId ?? null,
          minAge: values.categories?.[index]?.minAge ?? null,
          criteria: criteriaOf(values.categories?.[index]?.criteria),
        })),
      };
      const saved = await saveSettings(campaignId, body);
      message.success(t('ident.settings.saved'));
      onSaved(saved);
    });
  };

  const registryOptions = registry.categories.map((category) => ({ value: category.id, label: category.name }));

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      disabled={!canEdit}
      onFinish={(values) => void save(values)}
      style={{ maxWidth: 880 }}
      data-testid="ident-settings-form"
    >
      {!canEdit && <Typography.Paragraph type="secondary">{t('ident.settings.readOnly')}</Typography.Paragraph>}
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <Form.Item name="opensOn" label={t('ident.settings.opensOn')} tooltip={t('ident.settings.opensOnHelp')}>
          <Input type="date" data-testid="ident-opens-on" />
        </Form.Item>
        <Form.Item name="firstDeadline" label={t('ident.settings.firstDeadline')}>
          <Input type="date" data-testid="ident-first-deadline" />
        </Form.Item>
        <Form.Item name="firstDeadlineShare" label={t('ident.settings.share')}>
          <InputNumber min={1} max={100} precision={0} data-testid="ident-share" />
        </Form.Item>
        <Form.Item name="finalDeadline" label={t('ident.settings.finalDeadline')}>
          <Input type="date" data-testid="ident-final-deadline" />
        </Form.Item>
        <Form.Item name="noticeDays" label={t('ident.settings.noticeDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={30} precision={0} data-testid="ident-notice-days" />
        </Form.Item>
        <Form.Item name="verificationRequired" label={t('ident.settings.verificationRequired')} valuePropName="checked">
          <Switch data-testid="ident-verification-required" />
        </Form.Item>
      </div>
      <Form.Item
        name="chain"
        label={t('ident.settings.chain')}
        extra={t('ident.settings.chainSteps', { steps: settings.reviewChain.map((step) => step.label).join(' → ') })}
      >
        <Radio.Group data-testid="ident-chain">
          <Radio value="village" data-testid="ident-chain-village">
            {t('ident.settings.chain.village')}
          </Radio>
          <Radio value="company" data-testid="ident-chain-company">
            {t('ident.settings.chain.company')}
          </Radio>
          <Radio value="custom" data-testid="ident-chain-custom">
            {t('ident.settings.chain.custom')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(before, after) => before.chain !== after.chain}>
        {({ getFieldValue }) => (getFieldValue('chain') === 'custom' ? <ChainEditor /> : null)}
      </Form.Item>
      <Typography.Title level={5}>{t('ident.settings.categories')}</Typography.Title>
      {categories.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('ident.settings.noCategories')}</Typography.Paragraph>
      ) : (
        <Form.List name="categories">
          {(fields) => (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              data-testid="ident-category-settings"
              columns={[
                {
                  title: t('ident.settings.category'),
                  render: (_value, field) => categories[field.name]?.name,
                },
                {
                  title: t('ident.settings.registryCategory'),
                  render: (_value, field) => (
                    <Form.Item name={[field.name, 'registryCategoryId']} noStyle>
                      <Select
                        allowClear
                        options={registryOptions}
                        style={{ width: 220 }}
                        data-testid={`ident-registry-category-${field.name}`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('ident.settings.minAge'),
                  render: (_value, field) => (
                    <Form.Item name={[field.name, 'minAge']} noStyle>
                      <InputNumber min={0} max={130} precision={0} data-testid={`ident-min-age-${field.name}`} />
                    </Form.Item>
                  ),
                },
              ]}
            />
          )}
        </Form.List>
      )}
      {categories.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('ident.settings.criteria')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('ident.settings.criteriaHelp')}</Typography.Paragraph>
          {categories.map((category, index) => (
            <CriteriaEditor key={category.id} index={index} title={category.name} />
          ))}
        </>
      )}
      {canEdit && (
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={isSaving}
          style={{ marginTop: 16 }}
          data-testid="ident-settings-save"
        >
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}

/**
 * The steps a name goes up after its unit submits it, in order. Each step is a unit of the tree —
 * so many levels above the nominating unit (1 = its town), or a fixed level (0 = the top) — and the
 * roles there who may approve, return or reject.
 */
function ChainEditor() {
  const { t } = useI18n();
  const roleOptions = REVIEW_ROLE_OPTIONS.map((role) => ({ value: role, label: t(`role.${role}`) }));
  return (
    <Card size="small" title={t('ident.settings.steps')} style={{ marginBottom: 16 }} data-testid="ident-chain-editor">
      <Typography.Paragraph type="secondary">{t('ident.settings.stepsHelp')}</Typography.Paragraph>
      <Form.List
        name="steps"
        rules={[
          {
            validator: async (_rule, steps?: StepRow[]) => {
              if (!steps || steps.length === 0) throw new Error(t('ident.settings.stepsEmpty'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} wrap align="start" data-testid={`ident-chain-step-${index}`}>
                <Typography.Text style={{ lineHeight: '32px' }}>{index + 1}.</Typography.Text>
                <Form.Item
                  name={[field.name, 'label']}
                  rules={[{ required: true, whitespace: true, message: t('ident.settings.step.labelRequired') }]}
                >
                  <Input
                    maxLength={60}
                    placeholder={t('ident.settings.step.label')}
                    style={{ width: 200 }}
                    data-testid={`ident-chain-step-label-${index}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'anchor']}>
                  <Select
                    style={{ width: 170 }}
                    options={[
                      { value: 'levelsUp', label: t('ident.settings.step.levelsUp') },
                      { value: 'depth', label: t('ident.settings.step.depth') },
                    ]}
                    data-testid={`ident-chain-step-anchor-${index}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'level']}
                  rules={[{ required: true, message: t('ident.settings.step.levelRequired') }]}
                >
                  <InputNumber
                    min={0}
                    max={10}
                    precision={0}
                    style={{ width: 80 }}
                    data-testid={`ident-chain-step-level-${index}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'roles']}
                  rules={[{ required: true, type: 'array', min: 1, message: t('ident.settings.step.rolesRequired') }]}
                >
                  <Select
                    mode="multiple"
                    style={{ width: 220 }}
                    options={roleOptions}
                    placeholder={t('ident.settings.step.roles')}
                    data-testid={`ident-chain-step-roles-${index}`}
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('ident.settings.step.remove')}
                  onClick={() => remove(field.name)}
                  data-testid={`ident-chain-step-remove-${index}`}
                />
              </Space>
            ))}
            <Form.ErrorList errors={errors} />
            {fields.length < 6 && (
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({ label: '', anchor: 'levelsUp', level: fields.length + 1, roles: ['reviewer', 'organiser'] })
                }
                data-testid="ident-chain-step-add"
              >
                {t('ident.settings.step.add')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Card>
  );
}

/** One category's checklist: a line per criterion, ticked "required" or left as one of the grounds. */
function CriteriaEditor({ index, title }: { index: number; title: string }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid={`ident-criteria-${index}`}>
      <Form.List name={['categories', index, 'criteria']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }} wrap>
                <Form.Item name={[field.name, 'label']} noStyle>
                  <Input
                    maxLength={200}
                    style={{ width: 420, maxWidth: '70vw' }}
                    placeholder={t('ident.settings.criterionLabel')}
                    data-testid={`ident-criterion-${index}-${field.name}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'required']} valuePropName="checked" noStyle>
                  <Checkbox data-testid={`ident-criterion-required-${index}-${field.name}`}>
                    {t('ident.settings.criterionRequired')}
                  </Checkbox>
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button
              type="dashed"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ label: '', required: false })}
              data-testid={`ident-criterion-add-${index}`}
            >
              {t('ident.settings.criterionAdd')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
