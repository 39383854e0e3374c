// The bell's latest notifications: loaded when the bell first opens, so antd's List (with its pagination and
// select) is not in every signed-in screen's first load.
import { Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NotificationBellQuery } from '../../../gql/graphql';

type Item = NotificationBellQuery['notifications']['nodes'][number];

export default function NotificationBellList({
  items,
  format,
  onOpen,
}: {
  items: Item[];
  format: Intl.DateTimeFormat;
  onOpen: (item: Item) => void;
}) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(item) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Button
            type="link"
            onClick={() => onOpen(item)}
            style={{
              height: 'auto',
              padding: 0,
              textAlign: 'start',
              whiteSpace: 'normal',
              fontWeight: item.readAt ? 400 : 600,
            }}
          >
            {!item.readAt && <span className="visually-hidden">{t('notifications.unreadMark')}</span>}
            {item.title}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap', marginInlineStart: 8 }}>
            {format.format(new Date(item.createdAt))}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
