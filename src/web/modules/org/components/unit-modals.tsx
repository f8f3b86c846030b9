import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import {
  addRegion,
  createUnit,
  updateUnit,
  type RegionImportResult,
  type Unit,
  type UnitKind,
} from '../api/org-api.ts';
import { UNIT_KIND_OPTIONS, suggestedChildKind, unitKindLabel } from '../unit-labels.ts';
import { UnitPicker } from './unit-tree.tsx';

interface ModalBaseProps {
  open: boolean;
  onClose(): void;
}

export function AddChildUnitModal({
  open,
  onClose,
  parent,
  onCreated,
}: ModalBaseProps & { parent: Unit | undefined; onCreated(unit: Unit): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; kind: UnitKind; code?: string }>();
  const { isBusy: isSaving, run } = useSubmit(form);

  useEffect(() => {
    if (open) form.setFieldsValue({ name: '', kind: suggestedChildKind(parent), code: '' });
  }, [open, parent, form]);

  const submit = async () => {
    if (!parent) return;
    const values = await form.validateFields();
    await run(async () => {
      const unit = await createUnit({
        parentId: parent.id,
        name: values.name.trim(),
        kind: values.kind,
        code: values.code?.trim() || null,
      });
      message.success(t('units.created', { name: unit.name }));
      onCreated(unit);
      onClose();
    });
  };

  return (
    <Modal
      open={open}
      title={t('units.addChildTitle', { parent: parent?.name ?? '' })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isSaving}
      okText={t('common.create')}
      okButtonProps={{ 'data-testid': 'unit-child-submit' }}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('units.namePlaceholder')} data-testid="unit-child-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
          <Select
            options={UNIT_KIND_OPTIONS.map((kind) => ({ value: kind, label: unitKindLabel(kind, t) }))}
            data-testid="unit-child-kind"
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('units.code')}
          extra={t('units.codeHelp')}
          rules={[{ pattern: /^[0-9A-Za-z-]{0,32}$/, message: t('units.codeInvalid') }]}
        >
          <Input maxLength={32} data-testid="unit-child-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RenameUnitModal({
  open,
  onClose,
  unit,
  onSaved,
}: ModalBaseProps & { unit: Unit | undefined; onSaved(unit: Unit): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; code?: string }>();
  const { isBusy: isSaving, run } = useSubmit(form);

  useEffect(() => {
    if (open && unit) form.setFieldsValue({ name: unit.name, code: unit.code ?? '' });
  }, [open, unit, form]);

  const submit = async () => {
    if (!unit) return;
    const values = await form.validateFields();
    await run(async () => {
      const saved = await updateUnit(unit.id, { name: values.name.trim(), code: values.code?.trim() || null });
      message.success(t('common.saved'));
      onSaved(saved);
      onClose();
    });
  };

  return (
    <Modal
      open={open}
      title={t('units.renameTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isSaving}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'unit-rename-submit' }}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="unit-rename-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('units.code')}
          extra={t('units.codeHelp')}
          rules={[{ pattern: /^[0-9A-Za-z-]{0,32}$/, message: t('units.codeInvalid') }]}
        >
          <Input maxLength={32} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MoveUnitModal({
  open,
  onClose,
  unit,
  units,
  onSaved,
}: ModalBaseProps & { unit: Unit | undefined; units: Unit[]; onSaved(unit: Unit): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: number }>();
  const { isBusy: isSaving, run } = useSubmit(form);

  useEffect(() => {
    if (open && unit) form.setFieldsValue({ parentId: unit.parentId ?? undefined });
  }, [open, unit, form]);

  const submit = async () => {
    if (!unit) return;
    const values = await form.validateFields();
    await run(async () => {
      const saved = await updateUnit(unit.id, { parentId: values.parentId });
      message.success(t('units.moved', { name: saved.name }));
      onSaved(saved);
      onClose();
    });
  };

  return (
    <Modal
      open={open}
      title={t('units.moveTitle', { name: unit?.name ?? '' })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isSaving}
      okText={t('units.move')}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('units.moveHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="parentId"
          label={t('units.newParent')}
          rules={[{ required: true, message: t('units.newParentRequired') }]}
        >
          <UnitPicker units={units} excludeSubtreeOf={unit?.id} testId="unit-move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AddRegionModal({
  open,
  onClose,
  units,
  defaultParentId,
  onAdded,
}: ModalBaseProps & { units: Unit[]; defaultParentId?: number; onAdded(result: RegionImportResult): void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ code: string; parentId?: number | null }>();
  const { isBusy: isSaving, run } = useSubmit(form);

  useEffect(() => {
    if (open) form.setFieldsValue({ code: '', parentId: defaultParentId ?? null });
  }, [open, defaultParentId, form]);

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      const result = await addRegion(values.code.trim(), values.parentId ?? undefined);
      onAdded(result);
      onClose();
      modal.success({
        title: t('units.regionAddedTitle', { name: result.root.name }),
        content: (
          <div data-testid="region-result">
            {result.towns > 0 || result.villages > 0
              ? t('units.regionAddedCounts', {
                  towns: result.towns,
                  villages: result.villages,
                  created: result.created,
                })
              : t('units.regionAddedTotal', { created: result.created })}
          </div>
        ),
      });
    });
  };

  return (
    <Modal
      open={open}
      title={t('units.addRegionTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isSaving}
      okText={t('units.addRegionOk')}
      okButtonProps={{ 'data-testid': 'region-submit' }}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('units.addRegionHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="code"
          label={t('units.regionCode')}
          rules={[
            { required: true, message: t('units.regionCodeRequired') },
            { pattern: /^\s*\d{2,12}\s*$/, message: t('units.regionCodeInvalid') },
          ]}
        >
          <Input inputMode="numeric" maxLength={12} placeholder="320614" data-testid="region-code" />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.regionParent')} extra={t('units.regionParentHelp')}>
          <UnitPicker units={units} allowClear placeholder={t('units.regionParentAuto')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
