import { Badge, Button, Empty, Popover, Space, Spin } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { bellBadge, notificationTarget } from '../logic';
import { useMarkRead } from '../hooks';
import { NotificationBellQuery } from '../operations';

// The list loads when the bell first opens (every signed-in screen shows the bell).
const NotificationBellList = lazy(() => import('./NotificationBellList'));

/** How often the bell asks for news (the centre refetches on open). */
export const BELL_POLL_MS = 30_000;

/** The header's bell: unread count, the latest few, mark all read, a link to the centre. Signed-in only. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { data } = useQuery(NotificationBellQuery, { pollInterval: BELL_POLL_MS, fetchPolicy: 'cache-and-network' });
  const { markRead, markAllRead, busy } = useMarkRead();
  const unread = bellBadge(data?.notifications.unreadCount ?? 0);
  const items = data?.notifications.nodes ?? [];
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    dateStyle: 'short',
    timeStyle: 'short',
  });

  const openItem = (item: (typeof items)[number]) => {
    setOpen(false);
    if (!item.readAt) void markRead(item.id);
    void navigate(notificationTarget(item));
  };

  const content = (
    <div style={{ width: 360, maxWidth: '80vw' }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <Suspense fallback={<Spin size="small" style={{ display: 'block', margin: '16px auto' }} />}>
          <NotificationBellList items={items} format={format} onOpen={openItem} />
        </Suspense>
      )}
      <Space style={{ justifyContent: 'space-between', width: '100%', marginTop: 8 }}>
        <Button size="small" disabled={unread.count === 0 || busy} onClick={() => void markAllRead()}>
          {t('notifications.markAllRead')}
        </Button>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {t('notifications.viewAll')}
        </Link>
      </Space>
    </div>
  );

  return (
    <Popover
      content={content}
      title={t('notifications.title')}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
    >
      <Badge count={unread.count} overflowCount={99} size="small">
        <Button
          size="small"
          type="text"
          icon={<BellOutlined />}
          style={{ color: '#fff' }}
          aria-label={
            unread.count > 0 ? t('notifications.bellUnread', { count: unread.count }) : t('notifications.bell')
          }
        />
      </Badge>
    </Popover>
  );
}
