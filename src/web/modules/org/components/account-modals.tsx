import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { MIN_PASSWORD_LENGTH, passwordHoldsUsername } from '../../../../modules/org/account.ts';
import { useAccount } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import { createAccount, type AccountView, type Role, type RoleOption, type Unit } from '../api/org-api.ts';
import { roleLabel } from '../unit-labels.ts';
import { UnitPicker } from './unit-tree.tsx';

interface CreateAccountValues {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  password?: string;
}

export function CreateAccountModal({
  open,
  onClose,
  roles,
  units,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  roles: RoleOption[];
  units: Unit[];
  onCreated(account: AccountView, oneTimePassword: string | null): void;
}) {
  const { t, lang } = useI18n();
  const me = useAccount();
  const [form] = Form.useForm<CreateAccountValues>();
  const { isBusy: isSaving, run } = useSubmit(form);

  useEffect(() => {
    if (open) form.setFieldsValue({ username: '', displayName: '', role: 'clerk', unitId: me.unitId, password: '' });
  }, [open, form, me.unitId]);

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      const result = await createAccount({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        unitId: values.unitId,
        ...(values.password ? { password: values.password } : {}),
      });
      onCreated(result.account, result.oneTimePassword);
    });
  };

  return (
    <Modal
      open={open}
      title={t('accounts.createTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('common.create')}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'account-create-submit' }}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="username"
          label={t('accounts.username')}
          extra={t('accounts.usernameHelp')}
          rules={[
            { required: true, message: t('accounts.usernameRequired') },
            { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('accounts.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" maxLength={64} data-testid="account-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('accounts.displayName')}
          rules={[{ required: true, whitespace: true, message: t('accounts.displayNameRequired') }]}
        >
          <Input
            maxLength={100}
            placeholder={t('accounts.displayNamePlaceholder')}
            data-testid="account-display-name"
          />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
          <Select
            data-testid="account-role"
            options={roles.map((option) => ({
              value: option.role,
              label: lang === 'zh' ? option.labelZh : roleLabel(option.role, t),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('accounts.unit')}
          rules={[{ required: true, message: t('accounts.unitRequired') }]}
          extra={t('accounts.unitHelp')}
        >
          <UnitPicker units={units} testId="account-unit" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('accounts.password')}
          extra={t('accounts.passwordHelp')}
          dependencies={['username']}
          rules={[
            { min: MIN_PASSWORD_LENGTH, message: t('password.tooShort') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                const username = String(getFieldValue('username') ?? '').trim();
                if (value && passwordHoldsUsername(value, username)) throw new Error(t('password.hasUsername'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Shown exactly once: the server keeps only the hash. */
export function OneTimePasswordModal({
  value,
  onClose,
}: {
  value: { username: string; password: string } | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Modal
      open={value !== null}
      title={t('accounts.otpTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('accounts.otpDone')}
      destroyOnHidden
    >
      {value && (
        <>
          <Typography.Paragraph>{t('accounts.otpIntro', { username: value.username })}</Typography.Paragraph>
          <Typography.Paragraph
            copyable={{ text: value.password, onCopy: () => message.success(t('common.copied')) }}
            style={{
              fontSize: 22,
              fontFamily: 'monospace',
              background: '#fafafa',
              padding: '8px 12px',
              border: '1px dashed #d9d9d9',
              borderRadius: 6,
            }}
          >
            <span data-testid="one-time-password">{value.password}</span>
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={t('accounts.otpWarning')} />
        </>
      )}
    </Modal>
  );
}
