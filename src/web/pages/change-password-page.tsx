import { Alert, App, Button, Card, Form, Input } from 'antd';
import { MIN_PASSWORD_LENGTH, passwordHoldsUsername } from '../../modules/org/account.ts';
import { useAccount, useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { useSubmit } from '../app/use-submit.ts';
import { AuthScreen } from './sign-in-page.tsx';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** A one-time password must be replaced before anything else: the server refuses every other call. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const account = useAccount();
  const { changePassword, signOut } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const { isBusy, run } = useSubmit(form);

  const submit = async (values: PasswordValues) => {
    await run(async () => {
      await changePassword(values.currentPassword, values.newPassword);
      message.success(t('password.changed'));
    });
  };

  return (
    <AuthScreen>
      <Card title={t('password.title')} data-testid="change-password">
        <Alert
          type="info"
          showIcon
          title={t('password.required', { name: account.displayName })}
          style={{ marginBottom: 16 }}
        />
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('password.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.rule')}
            rules={[
              { required: true, message: t('password.newRequired') },
              { min: MIN_PASSWORD_LENGTH, message: t('password.tooShort') },
              {
                validator: async (_rule, value: string | undefined) => {
                  if (value && passwordHoldsUsername(value, account.username))
                    throw new Error(t('password.hasUsername'));
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isBusy} data-testid="password-submit">
            {t('password.submit')}
          </Button>
          <Button type="link" block onClick={() => void signOut()} style={{ marginTop: 8 }}>
            {t('shell.signOut')}
          </Button>
        </Form>
      </Card>
    </AuthScreen>
  );
}
