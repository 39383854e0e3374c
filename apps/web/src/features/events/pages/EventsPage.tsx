import { Card, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { ListStates } from '../../../shared/ui/states';
import { wallTime } from '../logic';
import { PublicEventsQuery } from '../operations';

/** Public list of published, upcoming events. */
export default function EventsPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(PublicEventsQuery, { variables: { first: 20, offset: 0 } });
  const items = data?.events.nodes ?? [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('events.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('events.intro')}</Typography.Paragraph>
      <ListStates
        loading={loading}
        error={error}
        empty={items.length === 0}
        emptyText={t('events.empty')}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={items}
          renderItem={(event) => (
            <List.Item key={event.id}>
              <Card size="small" style={{ width: '100%' }}>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap>
                    <Tag color="blue">{t(`events.kind.${event.kind}`)}</Tag>
                    <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>
                      <Link to={`/events/${event.id}`}>{event.title}</Link>
                    </Typography.Title>
                  </Space>
                  <Typography.Text>
                    {t('events.when')}: {wallTime(event.startsAtLocal)} – {event.endsAtLocal.slice(11)}
                    {t('events.timeZoneNote', { zone: event.timeZone })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {[event.organiser?.name, event.venue ?? event.onlineUrl].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  <Space wrap>
                    {event.keywords.map((keyword) => (
                      <Tag key={keyword}>{keyword}</Tag>
                    ))}
                    <Tag color={event.capacityLeft > 0 ? TAG_COLOURS.mode : 'default'}>
                      {t('events.capacityLeft', { count: event.capacityLeft, capacity: event.capacity })}
                    </Tag>
                    {event.myRegistration && (
                      <Tag color="purple">{t(`events.registrationStatus.${event.myRegistration.status}`)}</Tag>
                    )}
                  </Space>
                </Space>
              </Card>
            </List.Item>
          )}
        />
      </ListStates>
    </div>
  );
}
