import { Alert, Button, Form, Input } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError, formFieldErrors } from '../../shared/lib/graphql-errors';
import { FileObjectionMutation } from './operations';

/** The objection to an achievement under public notice: a required reason; the API's errors shown in place. */
export function ObjectionForm({ achievementId, onDone }: { achievementId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [file, { loading, error }] = useMutation(FileObjectionMutation);
  const problem = error ? describeApiError(error) : null;
  const submit = async ({ reason }: { reason: string }) => {
    try {
      await file({ variables: { id: achievementId, reason } });
      onDone();
    } catch (caught) {
      form.setFields(formFieldErrors(describeApiError(caught), ['reason'] as const));
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
      {problem && Object.keys(problem.fields).length === 0 && (
        <Alert type="error" showIcon title={problem.message} style={{ marginBottom: 12 }} />
      )}
      <Form.Item
        name="reason"
        label={t('notices.reason')}
        rules={[{ required: true, whitespace: true, message: t('notices.reasonRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('notices.reasonPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={loading}>
        {t('common.submit')}
      </Button>
    </Form>
  );
}
