import { useEffect } from 'react';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, message, Row, Select, Switch } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { DigestChannel } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, ListLoading } from '../../../shared/ui/states';
import { digestInput, timeZoneOptions, type DigestForm } from '../logic';
import { DigestPreviewQuery, DigestSettingsQuery, UpdateDigestSettingsMutation } from '../operations';

const CHANNELS: DigestChannel[] = ['EMAIL', 'IN_APP', 'WEBHOOK'];

/** Day, hour, time zone, channels and language of the weekly digest, and a preview of the next one. */
export function DigestSettingsPanel() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<DigestForm>();
  const settings = useQuery(DigestSettingsQuery);
  const preview = useQuery(DigestPreviewQuery, { fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(UpdateDigestSettingsMutation, { refetchQueries: ['DigestPreview'] });
  const current = settings.data?.digestPreferences;
  useEffect(() => {
    if (current) {
      form.setFieldsValue({
        enabled: current.enabled,
        dayOfWeek: current.dayOfWeek,
        hour: current.hour,
        timeZone: current.timeZone,
        channels: current.channels,
        language: current.languageChosen ? current.language : 'auto',
      });
    }
  }, [current, form]);
  if (settings.error) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!current) return <ListLoading rows={6} />;

  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const onFinish = (values: DigestForm) =>
    void save({ variables: { input: digestInput(values) } }).then(
      () => message.success(t('notifications.digest.saved')),
      (failure: unknown) => {
        const problem = describeApiError(failure);
        if (problem.fields.timeZone) form.setFields([{ name: 'timeZone', errors: problem.fields.timeZone }]);
        else message.error(problem.message);
      },
    );

  const next = preview.data?.digestPreview;
  const nextAt = next?.nextSendAt
    ? new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: current.timeZone,
      }).format(new Date(next.nextSendAt))
    : null;

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={10}>
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="enabled" label={t('notifications.digest.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="dayOfWeek" label={t('notifications.digest.day')}>
            <Select
              options={[1, 2, 3, 4, 5, 6, 7].map((day) => ({
                value: day,
                label: t(`notifications.digest.days.${day}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="hour" label={t('notifications.digest.hour')}>
            <Select
              options={Array.from({ length: 24 }, (_, hour) => ({
                value: hour,
                label: `${String(hour).padStart(2, '0')}:00`,
              }))}
            />
          </Form.Item>
          <Form.Item name="timeZone" label={t('notifications.digest.timeZone')}>
            <Select
              showSearch
              options={timeZoneOptions(current.timeZone, browserZone).map((zone) => ({ value: zone, label: zone }))}
            />
          </Form.Item>
          <Form.Item name="channels" label={t('notifications.digest.channels')}>
            <Checkbox.Group
              options={CHANNELS.map((channel) => ({
                value: channel,
                label: t(`notifications.digest.channel.${channel}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="language" label={t('notifications.digest.language')}>
            <Select
              options={[
                { value: 'auto', label: t('notifications.digest.languageAuto') },
                { value: 'zh', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving.loading}>
            {t('notifications.digest.save')}
          </Button>
        </Form>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          title={
            <span role="heading" aria-level={2}>
              {t('notifications.digest.preview')}
            </span>
          }
          size="small"
        >
          {preview.error ? (
            <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
          ) : !next ? (
            <ListLoading rows={4} />
          ) : (
            <>
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'when',
                    label: t('notifications.digest.nextSend'),
                    children: nextAt ?? t('notifications.digest.off'),
                  },
                  { key: 'period', label: t('notifications.digest.period'), children: next.period },
                  {
                    key: 'channels',
                    label: t('notifications.digest.channels'),
                    children:
                      next.channels.map((channel) => t(`notifications.digest.channel.${channel}`)).join(' · ') ||
                      t('notifications.digest.off'),
                  },
                  { key: 'count', label: t('notifications.digest.items'), children: next.itemCount },
                  { key: 'subject', label: t('notifications.digest.subject'), children: next.subject },
                ]}
              />
              {next.itemCount === 0 && (
                <Alert type="info" showIcon style={{ margin: '12px 0' }} title={t('notifications.digest.nothingYet')} />
              )}
              {/* Scrollable: focusable so that keyboard users can scroll it (axe scrollable-region-focusable). */}
              <div
                data-testid="digest-preview-text"
                role="region"
                aria-label={t('notifications.digest.previewText')}
                tabIndex={0}
                style={{
                  whiteSpace: 'pre-wrap',
                  background: '#fafafa',
                  border: '1px solid #f0f0f0',
                  padding: 12,
                  marginTop: 12,
                  maxHeight: 420,
                  overflow: 'auto',
                  fontSize: 13,
                }}
              >
                {next.text}
              </div>
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
