import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, ListLoading } from '../../../shared/ui/states';
import { DeleteWebhookMutation, MyWebhookQuery, PingWebhookMutation, SetWebhookMutation } from '../operations';

/** My webhook: the URL, its state, a signed test ping; the secret is shown once, when set. */
export function WebhookPanel() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ url: string }>();
  const { data, loading, error, refetch } = useQuery(MyWebhookQuery);
  const [setWebhook, setting] = useMutation(SetWebhookMutation, { refetchQueries: ['MyWebhook'] });
  const [deleteWebhook] = useMutation(DeleteWebhookMutation, { refetchQueries: ['MyWebhook'] });
  const [ping, pinging] = useMutation(PingWebhookMutation);
  const [secret, setSecret] = useState<string | null>(null);
  const [pingResult, setPingResult] = useState<{ ok: boolean; text: string } | null>(null);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <ListLoading rows={3} />;
  const hook = data?.myWebhook ?? null;

  const onSave = ({ url }: { url: string }) =>
    void setWebhook({ variables: { url: url.trim() } }).then(
      (result) => {
        setSecret(result.data?.setWebhook.secret ?? null);
        setPingResult(null);
        form.resetFields();
      },
      (failure: unknown) => {
        const problem = describeApiError(failure);
        form.setFields([{ name: 'url', errors: [problem.message] }]);
      },
    );
  const onPing = () =>
    void ping().then(
      (result) => {
        const answer = result.data?.pingWebhook;
        setPingResult(
          answer?.ok
            ? { ok: true, text: t('notifications.webhook.pingOk', { status: answer.status ?? '' }) }
            : {
                ok: false,
                text: t('notifications.webhook.pingFailed', { reason: answer?.error ?? answer?.status ?? '' }),
              },
        );
      },
      (failure: unknown) => setPingResult({ ok: false, text: describeApiError(failure).message }),
    );

  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Paragraph style={{ color: '#434343' }}>{t('notifications.webhook.intro')}</Typography.Paragraph>
      {secret && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('notifications.webhook.secretOnce')}
          description={
            <Typography.Text copyable code>
              {secret}
            </Typography.Text>
          }
        />
      )}
      {hook ? (
        <>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'url', label: t('notifications.webhook.url'), children: hook.url },
              {
                key: 'state',
                label: t('notifications.webhook.state'),
                children: hook.enabled ? (
                  <Tag color="green">{t('notifications.webhook.enabled')}</Tag>
                ) : (
                  <Tag color="red">{t('notifications.webhook.disabled')}</Tag>
                ),
              },
              { key: 'failures', label: t('notifications.webhook.failures'), children: hook.consecutiveFailures },
              ...(hook.lastError
                ? [{ key: 'error', label: t('notifications.webhook.lastError'), children: hook.lastError }]
                : []),
            ]}
          />
          <Space style={{ margin: '12px 0 24px' }}>
            <Button onClick={onPing} loading={pinging.loading}>
              {t('notifications.webhook.ping')}
            </Button>
            <Popconfirm
              title={t('notifications.webhook.deleteConfirm')}
              onConfirm={() => void deleteWebhook().then(() => setSecret(null))}
            >
              <Button danger>{t('notifications.webhook.delete')}</Button>
            </Popconfirm>
          </Space>
          {pingResult && (
            <Alert
              role="status"
              type={pingResult.ok ? 'success' : 'error'}
              showIcon
              style={{ marginBottom: 16 }}
              title={pingResult.text}
            />
          )}
        </>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('notifications.webhook.none')} />
      )}
      <Form form={form} layout="vertical" onFinish={onSave} requiredMark={false}>
        <Form.Item
          name="url"
          label={hook ? t('notifications.webhook.replace') : t('notifications.webhook.url')}
          rules={[{ required: true, type: 'url', message: t('notifications.webhook.urlInvalid') }]}
        >
          <Input placeholder="https://example.com/hooks/techtransfer" inputMode="url" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={setting.loading}>
          {t('notifications.webhook.save')}
        </Button>
      </Form>
    </div>
  );
}
