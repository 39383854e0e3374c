import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { AuthCard } from '../components/AuthCard';
import { RequestPasswordResetMutation } from '../operations';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ email: string }>();
  const [request, { loading }] = useMutation(RequestPasswordResetMutation);
  const [sent, setSent] = useState(false);
  const submit = async ({ email }: { email: string }) => {
    try {
      await request({ variables: { input: { email: email.trim() } } });
      setSent(true);
    } catch (error) {
      const problem = describeApiError(error);
      form.setFields(
        formFieldErrors(problem, ['email'] as const).length
          ? formFieldErrors(problem, ['email'] as const)
          : [{ name: 'email' as const, errors: [problem.message] }],
      );
    }
  };
  return (
    <AuthCard title={t('auth.forgotTitle')}>
      {sent ? (
        <Alert type="success" showIcon title={t('auth.resetSent')} />
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[
              { required: true, message: t('auth.emailRequired') },
              { type: 'email', message: t('auth.emailInvalid') },
            ]}
          >
            <Input autoComplete="email" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={loading}>
            {t('auth.sendReset')}
          </Button>
        </Form>
      )}
    </AuthCard>
  );
}
