/**
 * 类别设置: the list of hardship categories (低保, 特困, …). A category is never deleted, only switched
 * off: people already in it keep it, and it is no longer offered for new entries or imports.
 */
import { App, Button, Input, Modal, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useApiError } from '../../../app/use-api-error.tsx';
import { createCategory, updateCategory, type HardshipCategory } from '../api/registry-api.ts';

export function CategoriesModal({
  open,
  categories,
  isLoading,
  onClose,
  onChanged,
}: {
  open: boolean;
  categories: HardshipCategory[];
  isLoading: boolean;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const [newName, setNewName] = useState('');
  const [editing, setEditing] = useState<{ id: number; name: string } | null>(null);
  const [busyId, setBusyId] = useState<number | 'new' | null>(null);

  const add = async () => {
    const name = newName.trim();
    if (!name) return;
    setBusyId('new');
    try {
      await createCategory(name);
      message.success(t('registry.categories.added', { name }));
      setNewName('');
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setBusyId(null);
    }
  };

  const rename = async () => {
    if (!editing) return;
    const name = editing.name.trim();
    const current = categories.find((category) => category.id === editing.id);
    if (!name || name === current?.name) {
      setEditing(null);
      return;
    }
    setBusyId(editing.id);
    try {
      await updateCategory(editing.id, { name });
      message.success(t('common.saved'));
      setEditing(null);
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setBusyId(null);
    }
  };

  const setActive = async (category: HardshipCategory, active: boolean) => {
    setBusyId(category.id);
    try {
      await updateCategory(category.id, { active });
      message.success(
        active
          ? t('registry.categories.activated', { name: category.name })
          : t('registry.categories.deactivated', { name: category.name }),
      );
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<HardshipCategory> = [
    {
      title: t('registry.categories.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, category) =>
        editing?.id === category.id ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={editing.name}
              maxLength={30}
              autoFocus
              onChange={(event) => setEditing({ id: category.id, name: event.target.value })}
              onPressEnter={() => void rename()}
              data-testid={`registry-category-name-input-${category.id}`}
            />
            <Button
              icon={<CheckOutlined />}
              type="primary"
              loading={busyId === category.id}
              onClick={() => void rename()}
              aria-label={t('common.save')}
              data-testid={`registry-category-rename-save-${category.id}`}
            />
            <Button icon={<CloseOutlined />} onClick={() => setEditing(null)} aria-label={t('common.cancel')} />
          </Space.Compact>
        ) : (
          <Space>
            <span style={category.active ? undefined : { color: '#999' }}>{name}</span>
            {!category.active && <Tag>{t('registry.categories.inactive')}</Tag>}
          </Space>
        ),
    },
    {
      title: t('registry.categories.active'),
      key: 'active',
      width: 110,
      render: (_value, category) => (
        <Switch
          checked={category.active}
          loading={busyId === category.id && editing?.id !== category.id}
          checkedChildren={t('registry.categories.on')}
          unCheckedChildren={t('registry.categories.off')}
          onChange={(checked) => void setActive(category, checked)}
          data-testid={`registry-category-active-${category.id}`}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_value, category) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          disabled={editing !== null}
          onClick={() => setEditing({ id: category.id, name: category.name })}
          data-testid={`registry-category-rename-${category.id}`}
        >
          {t('registry.categories.rename')}
        </Button>
      ),
    },
  ];

  return (
    <Modal
      open={open}
      title={t('registry.categories.title')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('registry.close')}</Button>}
      width={620}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('registry.categories.help')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input
          value={newName}
          maxLength={30}
          placeholder={t('registry.categories.newPlaceholder')}
          onChange={(event) => setNewName(event.target.value)}
          onPressEnter={() => void add()}
          data-testid="registry-category-new-name"
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          loading={busyId === 'new'}
          disabled={!newName.trim()}
          onClick={() => void add()}
          data-testid="registry-category-add"
        >
          {t('registry.categories.add')}
        </Button>
      </Space.Compact>
      <Table<HardshipCategory>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={categories}
        columns={columns}
        pagination={false}
        scroll={{ y: 420 }}
        data-testid="registry-category-table"
      />
    </Modal>
  );
}
