import { useState } from 'react';
import { Alert, Button, Form, Input, Result } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { AuthCard } from '../components/AuthCard';
import { ResetPasswordMutation } from '../operations';

interface Values {
  newPassword: string;
  confirm: string;
}

/** The page the reset email links to (`/reset-password?token=…`). */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [form] = Form.useForm<Values>();
  const [reset, { loading }] = useMutation(ResetPasswordMutation);
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  if (!token) {
    return (
      <AuthCard title={t('auth.resetTitle')}>
        <Result
          status="warning"
          title={t('auth.missingToken')}
          extra={<Link to="/forgot-password">{t('auth.forgot')}</Link>}
        />
      </AuthCard>
    );
  }
  const submit = async ({ newPassword }: Values) => {
    setFailure(null);
    try {
      await reset({ variables: { input: { token, newPassword } } });
      setDone(true);
    } catch (error) {
      const problem = describeApiError(error);
      const fieldMessages = problem.fields.newPassword ?? problem.fields.password;
      if (fieldMessages) form.setFields([{ name: 'newPassword', errors: fieldMessages }]);
      else setFailure(problem.message);
    }
  };
  return (
    <AuthCard title={t('auth.resetTitle')}>
      {done ? (
        <Result
          status="success"
          title={t('auth.resetDone')}
          extra={
            <Link to="/sign-in">
              <Button type="primary">{t('auth.toSignIn')}</Button>
            </Link>
          }
        />
      ) : (
        <>
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" />}
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
            <Form.Item
              name="newPassword"
              label={t('auth.newPassword')}
              rules={[{ required: true, message: t('auth.passwordRequired') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('auth.confirmPassword')}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('auth.passwordRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    !value || getFieldValue('newPassword') === value
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('auth.passwordsDiffer'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={loading}>
              {t('common.submit')}
            </Button>
          </Form>
        </>
      )}
    </AuthCard>
  );
}
