import { useState } from 'react';
import { Button, Card, List, message, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { EventForm } from '../components/EventForm';
import { wallTime } from '../logic';
import { OrganisedEventsQuery, PublishEventMutation } from '../operations';

/** The organiser's events (the bureau, a TTO, a broker agency): create a draft, publish, open the desk. */
export default function OrganisedEventsPage() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const { data, loading, error, refetch } = useQuery(OrganisedEventsQuery);
  const [publish] = useMutation(PublishEventMutation);
  const events = data?.organisedEvents ?? [];

  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('events.workspace.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating((open) => !open)}>
          {t('events.workspace.create')}
        </Button>
      </Space>
      {creating && (
        <Card style={{ marginBottom: 16 }}>
          <EventForm
            onSaved={() => {
              setCreating(false);
              void refetch();
            }}
          />
        </Card>
      )}
      <ListStates
        loading={loading}
        error={error}
        empty={events.length === 0}
        emptyText={t('events.workspace.empty')}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={events}
          renderItem={(event) => (
            <List.Item
              key={event.id}
              actions={[
                event.status === 'DRAFT' && (
                  <Button
                    key="publish"
                    onClick={() =>
                      void publish({ variables: { id: event.id } }).then(
                        () => message.success(t('events.workspace.published')),
                        (problem: unknown) => message.error(describeApiError(problem).message),
                      )
                    }
                  >
                    {t('events.workspace.publish')}
                  </Button>
                ),
                <Link key="manage" to={`/workspace/events/${event.id}/organise`}>
                  {t('events.workspace.manage')}
                </Link>,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={<Link to={`/events/${event.id}`}>{event.title}</Link>}
                description={`${wallTime(event.startsAtLocal)} (${event.timeZone}) · ${t(`events.kind.${event.kind}`)}`}
              />
              <Tag>{t(`events.status.${event.status}`)}</Tag>
            </List.Item>
          )}
        />
      </ListStates>
    </div>
  );
}
