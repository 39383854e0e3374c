import { Alert, Button, Card, Descriptions, message, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { CallOffButton } from '../components/CallOffButton';
import { clockOf, wallTime } from '../logic';
import { EventDetailQuery, RegisterForEventMutation, WithdrawEventRegistrationMutation } from '../operations';

/** Public page of an event, with registration for signed-in people. */
export default function EventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(EventDetailQuery, { variables: { id } });
  const [register, registering] = useMutation(RegisterForEventMutation);
  const [withdraw] = useMutation(WithdrawEventRegistrationMutation);
  if (loading && !data) return <PageLoading />;
  if (error || !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const event = data.event;
  const mine = event.myRegistration;
  const open = event.status === 'PUBLISHED' && new Date(event.endsAt).getTime() > Date.now();

  const onRegister = async () => {
    try {
      await register({ variables: { input: { eventId: event.id } } });
      await refetch();
      void message.success(t('events.registeredPending'));
    } catch (problem) {
      void message.error(describeApiError(problem).message);
    }
  };

  return (
    <div>
      <Space wrap align="center">
        <Tag color="blue">{t(`events.kind.${event.kind}`)}</Tag>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {event.title}
        </Typography.Title>
      </Space>
      {event.status === 'CANCELLED' && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('events.cancelledNotice')} />
      )}
      <Card style={{ marginTop: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('events.when')}>
            {wallTime(event.startsAtLocal)} – {clockOf(event.endsAtLocal)}
            {t('events.timeZoneNote', { zone: event.timeZone })}
          </Descriptions.Item>
          {event.venue && <Descriptions.Item label={t('events.venue')}>{event.venue}</Descriptions.Item>}
          {event.onlineUrl && (
            <Descriptions.Item label={t('events.online')}>
              <a href={event.onlineUrl} rel="noreferrer noopener" target="_blank">
                {event.onlineUrl}
              </a>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('events.organiser')}>{event.organiser?.name}</Descriptions.Item>
          <Descriptions.Item label={t('events.capacity')}>
            {t('events.capacityLeft', { count: event.capacityLeft, capacity: event.capacity })}
          </Descriptions.Item>
          <Descriptions.Item label={t('events.themes')}>
            <Space wrap>
              {[...event.industryCodes, ...event.keywords].map((theme) => (
                <Tag key={theme}>{theme}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        {event.description && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{event.description}</Typography.Paragraph>
        )}
        <Typography.Text type="secondary">
          {t('events.slotMinutes', { minutes: event.slotMinutes })} · {t('events.slots')}:{' '}
          {event.slots.map((slot) => clockOf(slot.startsAtLocal)).join(' ')}
        </Typography.Text>
      </Card>
      <Card style={{ marginTop: 16 }}>
        {!session ? (
          <Link to={`/sign-in?next=/events/${event.id}`}>{t('events.signInToRegister')}</Link>
        ) : mine && mine.status !== 'WITHDRAWN' ? (
          <Space direction="vertical">
            <Alert
              type={mine.status === 'APPROVED' ? 'success' : mine.status === 'DECLINED' ? 'error' : 'info'}
              showIcon
              title={
                mine.status === 'APPROVED'
                  ? t('events.registeredApproved')
                  : mine.status === 'DECLINED'
                    ? t('events.registeredDeclined')
                    : t('events.registeredPending')
              }
            />
            {mine.checkedInAt && <Tag color={TAG_COLOURS.mode}>{t('events.checkedIn')}</Tag>}
            {mine.status === 'APPROVED' && mine.side !== 'OBSERVER' && (
              <Link to={`/workspace/events/${event.id}/meetings`}>{t('events.myMeetingsLink')}</Link>
            )}
            {open && (mine.status === 'PENDING' || mine.status === 'APPROVED') && (
              <CallOffButton
                label={t('events.withdraw.button')}
                title={t('events.withdraw.title', { title: event.title })}
                explanation={t('events.withdraw.explanation')}
                confirmText={t('events.withdraw.confirm')}
                onConfirm={async (reason) => {
                  await withdraw({ variables: { input: { eventId: event.id, reason } } });
                  await refetch();
                  void message.success(t('events.withdraw.done'));
                }}
              />
            )}
          </Space>
        ) : (
          <Space direction="vertical">
            {mine?.status === 'WITHDRAWN' && <Alert type="info" showIcon title={t('events.withdraw.withdrawn')} />}
            <Button type="primary" loading={registering.loading} disabled={!open} onClick={() => void onRegister()}>
              {mine?.status === 'WITHDRAWN' ? t('events.registerAgain') : t('events.register')}
            </Button>
          </Space>
        )}
        {event.iOrganise && (
          <div style={{ marginTop: 12 }}>
            <Link to={`/workspace/events/${event.id}/organise`}>{t('events.organiseLink')}</Link>
          </div>
        )}
      </Card>
    </div>
  );
}
