import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { LanguageSwitch } from '../app/language-switch.tsx';
import { toApiError } from '../app/use-api-error.tsx';

export function AuthScreen({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #fff2e8 0%, #f5f5f5 60%)',
        padding: 16,
      }}
    >
      <div style={{ width: 400, maxWidth: '100%' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div style={{ fontSize: 40, lineHeight: 1, color: '#d4380d', fontWeight: 700 }}>温暖</div>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        {children}
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <LanguageSwitch />
        </div>
      </div>
    </div>
  );
}

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, sessionNotice } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setIsBusy(true);
    setError(null);
    try {
      await signIn(values.username.trim(), values.password);
    } catch (cause) {
      setError(toApiError(cause).message);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <AuthScreen>
      <Card title={t('signIn.title')}>
        {sessionNotice && !error && (
          <Alert type="warning" showIcon title={sessionNotice} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={<span data-testid="sign-in-error">{error}</span>}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form
          layout="vertical"
          onFinish={(values: { username: string; password: string }) => void submit(values)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t('signIn.username')}
            rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="sign-in-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="sign-in-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isBusy} data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('signIn.help')}
        </Typography.Paragraph>
      </Card>
    </AuthScreen>
  );
}
