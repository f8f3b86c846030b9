import { App, Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAccount } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { splitFieldPath, useApiError, type FormNamePath } from '../../../app/use-api-error.tsx';
import type { Unit } from '../../org/api/org-api.ts';
import { UnitPicker } from '../../org/components/unit-tree.tsx';
import { createPerson, type HardshipCategory, type PersonDetail } from '../api/registry-api.ts';
import { HARDSHIP_SERVER_FIELDS, HardshipFields, toHardshipInput, type HardshipValues } from './hardship-fields.tsx';
import { idNumberHint, idNumberRule } from './id-number-rule.ts';

interface CreateValues {
  name: string;
  idNumber: string;
  phone?: string;
  unitId: number;
  relation?: string;
  categoryIds?: number[];
  address?: string;
  householdSize?: number | null;
  hardship?: HardshipValues;
}

/** Server field → form name: "categoryIds.1" → categoryIds, "hardship.monthlyIncomeFen" → the yuan field. */
export function personFieldToFormName(field: string): FormNamePath | null {
  const path = splitFieldPath(field);
  const [head, second] = path;
  if (head === 'categoryIds') return ['categoryIds'];
  if (head === 'hardship' && typeof second === 'string') {
    const name = HARDSHIP_SERVER_FIELDS[second];
    return name ? ['hardship', name] : null;
  }
  return path;
}

export function categoryOptions(categories: HardshipCategory[]) {
  return categories.map((category) => ({ value: category.id, label: category.name }));
}

export function PersonCreateModal({
  open,
  onClose,
  units,
  categories,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  units: Unit[];
  categories: HardshipCategory[];
  onCreated(person: PersonDetail): void;
}) {
  const { t, lang } = useI18n();
  const account = useAccount();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<CreateValues>();
  const [isSaving, setIsSaving] = useState(false);
  const idNumber = Form.useWatch('idNumber', form);

  useEffect(() => {
    if (!open) return;
    const ownUnitIsLeaf = !units.some((unit) => unit.parentId === account.unitId);
    form.resetFields();
    form.setFieldsValue({ unitId: ownUnitIsLeaf ? account.unitId : undefined, categoryIds: [] });
  }, [open, units, account, form]);

  const submit = async () => {
    const values = await form.validateFields();
    setIsSaving(true);
    try {
      const person = await createPerson({
        name: values.name.trim(),
        idNumber: values.idNumber.trim(),
        phone: values.phone?.trim() || null,
        unitId: values.unitId,
        relation: values.relation?.trim() || null,
        categoryIds: values.categoryIds ?? [],
        address: values.address?.trim() || null,
        householdSize: values.householdSize ?? null,
        hardship: toHardshipInput(values.hardship),
      });
      message.success(t('registry.create.done', { name: person.name }));
      onCreated(person);
    } catch (error) {
      const apiError = showError(error, { form, toFormName: personFieldToFormName });
      if (apiError?.code === 'PERSON_EXISTS') form.setFields([{ name: 'idNumber', errors: [apiError.message] }]);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('registry.create.title')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('common.create')}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'person-create-submit' }}
      width={720}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="person-create-form">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="name"
              label={t('registry.col.name')}
              rules={[{ required: true, whitespace: true, message: t('registry.form.nameRequired') }]}
            >
              <Input maxLength={50} data-testid="person-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="idNumber"
              label={t('registry.col.idNumber')}
              required
              rules={[idNumberRule(lang, t)]}
              extra={idNumberHint(idNumber, t) ?? t('registry.form.idHelp')}
              validateDebounce={400}
            >
              <Input maxLength={30} autoComplete="off" data-testid="person-id-number" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="unitId"
              label={t('registry.col.unit')}
              rules={[{ required: true, message: t('registry.form.unitRequired') }]}
            >
              <UnitPicker units={units} testId="person-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('registry.col.phone')}>
              <Input maxLength={30} inputMode="tel" data-testid="person-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="categoryIds" label={t('registry.col.categories')}>
          <Select
            mode="multiple"
            allowClear
            options={categoryOptions(categories.filter((category) => category.active))}
            placeholder={t('registry.form.categoriesPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="person-categories"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name="address" label={t('registry.household.address')}>
              <Input maxLength={200} data-testid="person-address" />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="householdSize" label={t('registry.household.size')}>
              <InputNumber
                min={1}
                max={50}
                precision={0}
                style={{ width: '100%' }}
                data-testid="person-household-size"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="relation" label={t('registry.col.relation')}>
              <Input maxLength={20} placeholder={t('registry.form.relationPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('registry.create.hardshipTitle')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('registry.create.hardshipHelp')}
        </Typography.Paragraph>
        <HardshipFields prefix={['hardship']} testIdPrefix="person-hardship" />
      </Form>
    </Modal>
  );
}
