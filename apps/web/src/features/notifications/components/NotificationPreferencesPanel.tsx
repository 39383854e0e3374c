import { useEffect, useState } from 'react';
import { Button, message, Switch, Table, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, ListLoading } from '../../../shared/ui/states';
import { changedPreferences, KIND_AUDIENCE, type ChannelPreference } from '../logic';
import { NotificationPreferencesQuery, UpdateNotificationPreferencesMutation } from '../operations';

/** One row per kind of event: who it is for, in-app and email switches; saved together. */
export function NotificationPreferencesPanel() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(NotificationPreferencesQuery);
  const [save, saving] = useMutation(UpdateNotificationPreferencesMutation);
  const saved = data?.notificationPreferences;
  const [edited, setEdited] = useState<ChannelPreference[]>([]);
  useEffect(() => {
    if (saved) setEdited(saved.map(({ kind, inApp, email }) => ({ kind, inApp, email })));
  }, [saved]);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !saved) return <ListLoading rows={6} />;
  const changes = changedPreferences(saved ?? [], edited);
  const set = (kind: ChannelPreference['kind'], channel: 'inApp' | 'email', value: boolean) =>
    setEdited((rows) => rows.map((row) => (row.kind === kind ? { ...row, [channel]: value } : row)));

  const onSave = () =>
    void save({ variables: { preferences: changes } }).then(
      () => message.success(t('notifications.settings.saved')),
      (failure: unknown) => message.error(describeApiError(failure).message),
    );

  return (
    <div>
      <Typography.Paragraph style={{ color: '#434343' }}>{t('notifications.settings.intro')}</Typography.Paragraph>
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={edited}
        columns={[
          {
            title: t('notifications.settings.kind'),
            dataIndex: 'kind',
            render: (kind: ChannelPreference['kind']) => (
              <div>
                <div>{t(`notifications.kinds.${kind}`)}</div>
                {KIND_AUDIENCE[kind] && (
                  <Typography.Text style={{ fontSize: 12, color: '#595959' }}>
                    {t(`notifications.audience.${KIND_AUDIENCE[kind]}`)}
                  </Typography.Text>
                )}
              </div>
            ),
          },
          {
            title: t('notifications.settings.inApp'),
            dataIndex: 'inApp',
            width: 120,
            render: (value: boolean, row) => (
              <Switch
                checked={value}
                aria-label={`${t(`notifications.kinds.${row.kind}`)}: ${t('notifications.settings.inApp')}`}
                onChange={(checked) => set(row.kind, 'inApp', checked)}
              />
            ),
          },
          {
            title: t('notifications.settings.email'),
            dataIndex: 'email',
            width: 120,
            render: (value: boolean, row) => (
              <Switch
                checked={value}
                aria-label={`${t(`notifications.kinds.${row.kind}`)}: ${t('notifications.settings.email')}`}
                onChange={(checked) => set(row.kind, 'email', checked)}
              />
            ),
          },
        ]}
      />
      <Button
        type="primary"
        style={{ marginTop: 16 }}
        disabled={changes.length === 0}
        loading={saving.loading}
        onClick={onSave}
      >
        {t('notifications.settings.save')}
      </Button>
    </div>
  );
}
