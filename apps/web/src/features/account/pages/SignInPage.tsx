import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { takeSessionExpired } from '../../../shared/lib/session';
import { AuthCard } from '../components/AuthCard';
import { LoginMutation } from '../operations';

interface Values {
  email: string;
  password: string;
}

/** Only paths inside the app: a `next` from the URL must not send the user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/workspace';
}

export default function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signIn } = useSession();
  const [expired] = useState(() => takeSessionExpired());
  const [form] = Form.useForm<Values>();
  const [login, { loading }] = useMutation(LoginMutation);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setFailure(null);
    try {
      const { data } = await login({ variables: { input: { email: values.email.trim(), password: values.password } } });
      if (!data) return;
      signIn({ accessToken: data.login.accessToken, refreshToken: data.login.refreshToken, user: data.login.user });
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (error) {
      const problem = describeApiError(error);
      const fields = formFieldErrors(problem, ['email', 'password'] as const);
      if (fields.length > 0) form.setFields(fields);
      else setFailure(problem.message);
    }
  };

  return (
    <AuthCard title={t('auth.signInTitle')}>
      {expired && <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item
          name="email"
          label={t('auth.email')}
          rules={[
            { required: true, message: t('auth.emailRequired') },
            { type: 'email', message: t('auth.emailInvalid') },
          ]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={loading}>
          {t('auth.signIn')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('auth.noAccount')} <Link to="/register">{t('auth.register')}</Link> ·{' '}
        <Link to="/forgot-password">{t('auth.forgot')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
