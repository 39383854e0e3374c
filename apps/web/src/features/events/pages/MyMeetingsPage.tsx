import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List, message, Radio, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { EventMeetingOutcome } from '../../../gql/graphql';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { bookable, clockOf, freeSlots } from '../logic';
import {
  AnswerEventMeetingMutation,
  EventDetailQuery,
  MyEventMeetingsQuery,
  RecordEventMeetingOutcomeMutation,
  RequestEventMeetingMutation,
} from '../operations';

const STATUS_COLOURS = {
  REQUESTED: TAG_COLOURS.warning,
  ACCEPTED: TAG_COLOURS.mode,
  DECLINED: 'default',
  CANCELLED: 'default',
} as const;

/** A participant's meetings at one event: book a free slot with someone on the other side, answer, record outcomes. */
export default function MyMeetingsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const event = useQuery(EventDetailQuery, { variables: { id } });
  const approved = event.data?.event.myRegistration?.status === 'APPROVED';
  const meetings = useQuery(MyEventMeetingsQuery, { variables: { id }, skip: !approved });
  const [request, requesting] = useMutation(RequestEventMeetingMutation);
  const [answer] = useMutation(AnswerEventMeetingMutation);
  const [record] = useMutation(RecordEventMeetingOutcomeMutation);
  const [withId, setWithId] = useState<string | undefined>();
  const [slotIndex, setSlotIndex] = useState<number | undefined>();
  const [note, setNote] = useState('');
  const [outcomes, setOutcomes] = useState<Record<string, { outcome: EventMeetingOutcome; reason: string }>>({});

  if (event.loading && !event.data) return <PageLoading />;
  if (event.error || !event.data) return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;
  const info = event.data.event;
  const title = (
    <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
      {t('events.meetings.title', { title: info.title })}
    </Typography.Title>
  );
  if (!approved) {
    return (
      <div>
        {title}
        <Alert type="info" showIcon title={t('events.meetings.notApproved')} />
        <Link to={`/events/${id}`}>{t('events.details')}</Link>
      </div>
    );
  }
  if (meetings.error) return <ErrorState error={meetings.error} onRetry={() => void meetings.refetch()} />;
  if (!meetings.data) return <PageLoading />;
  const participants = meetings.data.eventParticipants;
  const others = bookable(participants);
  const mySide = participants.find((p) => p.isMe)?.side;
  const free = withId ? freeSlots(info.slots, participants, withId) : [];
  const failed = (problem: unknown) => void message.error(describeApiError(problem).message);

  const onRequest = async () => {
    if (!withId || slotIndex === undefined) return;
    try {
      await request({
        variables: { input: { eventId: id, withRegistrationId: withId, slotIndex, message: note || null } },
      });
      void message.success(t('events.meetings.sent'));
      setSlotIndex(undefined);
      setNote('');
      await meetings.refetch();
    } catch (problem) {
      failed(problem);
      await meetings.refetch();
    }
  };

  return (
    <div>
      {title}
      <Card title={t('events.meetings.book')}>
        {others.length === 0 ? (
          <Typography.Text type="secondary">{t('events.meetings.nobody')}</Typography.Text>
        ) : (
          <Form layout="vertical" onFinish={() => void onRequest()}>
            <Form.Item label={t('events.meetings.bookWith')} htmlFor="meeting-with">
              <Select
                id="meeting-with"
                value={withId}
                onChange={(value: string) => {
                  setWithId(value);
                  setSlotIndex(undefined);
                }}
                options={others.map((p) => ({
                  value: p.registrationId,
                  label: [p.personName, p.organisationName, t(`events.side.${p.side}`)].filter(Boolean).join(' · '),
                }))}
              />
            </Form.Item>
            {withId && (
              <Form.Item label={t('events.meetings.chooseSlot')}>
                {free.length === 0 ? (
                  <Typography.Text type="secondary">{t('events.meetings.noFreeSlot')}</Typography.Text>
                ) : (
                  <Radio.Group value={slotIndex} onChange={(e) => setSlotIndex(e.target.value as number)}>
                    {free.map((slot) => (
                      <Radio.Button key={slot.index} value={slot.index}>
                        {clockOf(slot.startsAtLocal)}
                      </Radio.Button>
                    ))}
                  </Radio.Group>
                )}
              </Form.Item>
            )}
            <Form.Item label={t('events.meetings.message')} htmlFor="meeting-message">
              <Input.TextArea
                id="meeting-message"
                rows={2}
                maxLength={1000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              disabled={!withId || slotIndex === undefined}
              loading={requesting.loading}
            >
              {t('events.meetings.send')}
            </Button>
          </Form>
        )}
      </Card>
      <Card title={t('events.meetings.mine')} style={{ marginTop: 16 }}>
        <List
          locale={{ emptyText: t('events.meetings.none') }}
          dataSource={meetings.data.myEventMeetings}
          renderItem={(meeting) => {
            const other = mySide === 'ENTERPRISE' ? meeting.researcherName : meeting.enterpriseName;
            const slot = info.slots[meeting.slotIndex];
            const draft = outcomes[meeting.id] ?? { outcome: 'FOLLOW_UP', reason: '' };
            return (
              <List.Item key={meeting.id}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <strong>{slot ? clockOf(slot.startsAtLocal) : meeting.slotIndex}</strong>
                    <span>{t('events.meetings.with', { name: other })}</span>
                    <Tag color={STATUS_COLOURS[meeting.status]}>{t(`events.meetingStatus.${meeting.status}`)}</Tag>
                    {meeting.outcome && <Tag color="blue">{t(`events.outcome.${meeting.outcome}`)}</Tag>}
                    {meeting.listingInterestId && (
                      <Tag color="purple">{t('events.meetings.introductionRequested')}</Tag>
                    )}
                  </Space>
                  {meeting.message && <Typography.Text type="secondary">{meeting.message}</Typography.Text>}
                  {meeting.declineReason && <Typography.Text type="secondary">{meeting.declineReason}</Typography.Text>}
                  {meeting.requestedByMe && meeting.status === 'REQUESTED' && (
                    <Typography.Text type="secondary">{t('events.meetings.waiting')}</Typography.Text>
                  )}
                  {meeting.awaitingMyAnswer && (
                    <Space>
                      <Button
                        type="primary"
                        size="small"
                        onClick={() =>
                          void answer({ variables: { input: { meetingId: meeting.id, accept: true } } }).then(
                            () => meetings.refetch(),
                            failed,
                          )
                        }
                      >
                        {t('events.meetings.accept')}
                      </Button>
                      <Button
                        size="small"
                        onClick={() =>
                          void answer({ variables: { input: { meetingId: meeting.id, accept: false } } }).then(
                            () => meetings.refetch(),
                            failed,
                          )
                        }
                      >
                        {t('events.meetings.decline')}
                      </Button>
                    </Space>
                  )}
                  {meeting.outcomeDue && (
                    <Space wrap>
                      <Radio.Group
                        value={draft.outcome}
                        onChange={(e) =>
                          setOutcomes({
                            ...outcomes,
                            [meeting.id]: { ...draft, outcome: e.target.value as EventMeetingOutcome },
                          })
                        }
                      >
                        <Radio value="FOLLOW_UP">{t('events.meetings.followUp')}</Radio>
                        <Radio value="NOT_INTERESTED">{t('events.meetings.notInterested')}</Radio>
                      </Radio.Group>
                      <Input
                        aria-label={t('events.meetings.reason')}
                        placeholder={t('events.meetings.reason')}
                        value={draft.reason}
                        onChange={(e) =>
                          setOutcomes({ ...outcomes, [meeting.id]: { ...draft, reason: e.target.value } })
                        }
                      />
                      <Button
                        size="small"
                        onClick={() => {
                          if (draft.outcome === 'NOT_INTERESTED' && !draft.reason.trim()) {
                            void message.warning(t('events.meetings.reasonRequired'));
                            return;
                          }
                          void record({
                            variables: {
                              input: { meetingId: meeting.id, outcome: draft.outcome, reason: draft.reason || null },
                            },
                          }).then(() => {
                            void message.success(t('events.meetings.outcomeSaved'));
                            return meetings.refetch();
                          }, failed);
                        }}
                      >
                        {t('events.meetings.saveOutcome')}
                      </Button>
                    </Space>
                  )}
                </Space>
              </List.Item>
            );
          }}
        />
      </Card>
    </div>
  );
}
