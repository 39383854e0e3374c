import { useState } from 'react';
import { Button, List, Segmented, Space, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { EmptyState, ErrorState, ListLoading } from '../../../shared/ui/states';
import { useMarkRead } from '../hooks';
import { notificationTarget } from '../logic';
import { NotificationCentreQuery } from '../operations';

/** 通知中心: every in-app notification, newest first, unread ones marked; mark read one by one or all at once. */
export default function NotificationCentrePage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const { data, loading, error, refetch, fetchMore } = useQuery(NotificationCentreQuery, {
    variables: { unreadOnly: filter === 'unread' },
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  const { markRead, markAllRead, busy } = useMarkRead();
  if (!session) return <Navigate to="/sign-in?next=/notifications" replace />;
  const connection = data?.notifications;
  const items = connection?.nodes ?? [];
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('notifications.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Segmented
            aria-label={t('notifications.filter')}
            value={filter}
            onChange={(value) => setFilter(value as 'all' | 'unread')}
            options={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unreadOnly') },
            ]}
          />
          <span role="status" aria-live="polite">
            {connection ? t('notifications.unreadCount', { count: connection.unreadCount }) : ''}
          </span>
        </Space>
        <Space wrap>
          <Button disabled={!connection || connection.unreadCount === 0 || busy} onClick={() => void markAllRead()}>
            {t('notifications.markAllRead')}
          </Button>
          <Link to="/settings/notifications">{t('notifications.settingsLink')}</Link>
        </Space>
      </Space>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !connection ? (
        <ListLoading rows={5} />
      ) : items.length === 0 ? (
        <EmptyState description={filter === 'unread' ? t('notifications.noneUnread') : t('notifications.empty')} />
      ) : (
        <List
          bordered
          style={{ background: '#fff' }}
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              style={{ borderInlineStart: `3px solid ${item.readAt ? 'transparent' : '#1d5fbf'}` }}
              actions={
                item.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        size="small"
                        disabled={busy}
                        aria-label={`${t('notifications.markRead')}: ${item.title}`}
                        onClick={() => void markRead(item.id)}
                      >
                        {t('notifications.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    {!item.readAt && <Tag color="blue">{t('notifications.new')}</Tag>}
                    <Link
                      to={notificationTarget(item)}
                      onClick={() => {
                        if (!item.readAt) void markRead(item.id);
                      }}
                      style={{ fontWeight: item.readAt ? 400 : 600 }}
                    >
                      {item.title}
                    </Link>
                  </Space>
                }
                description={
                  <>
                    {item.body && (
                      <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-line', color: '#434343' }}>
                        {item.body}
                      </Typography.Paragraph>
                    )}
                    <Typography.Text style={{ fontSize: 12, color: '#595959' }}>
                      {t(`notifications.kinds.${item.kind}`, { defaultValue: item.kind })} ·{' '}
                      {format.format(new Date(item.createdAt))}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {connection?.pageInfo.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button
            onClick={() =>
              void fetchMore({
                variables: { after: connection.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  notifications: {
                    ...fetchMoreResult.notifications,
                    nodes: [...previous.notifications.nodes, ...fetchMoreResult.notifications.nodes],
                  },
                }),
              })
            }
          >
            {t('notifications.more')}
          </Button>
        </div>
      )}
    </div>
  );
}
