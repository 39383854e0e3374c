import { useState } from 'react';
import { Button, Card, Col, List, message, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { formatRelevance } from '../../../shared/lib/format';
import { ErrorState, ListStates, PageLoading } from '../../../shared/ui/states';
import { CallOffButton } from '../components/CallOffButton';
import { EventForm } from '../components/EventForm';
import { clockOf, funnel } from '../logic';
import {
  CancelEventMutation,
  CheckInEventRegistrationMutation,
  DecideEventRegistrationMutation,
  EventDetailQuery,
  EventProposalsQuery,
  OrganiserDeskQuery,
} from '../operations';

const REGISTRATION_COLOURS = {
  PENDING: TAG_COLOURS.warning,
  APPROVED: TAG_COLOURS.mode,
  DECLINED: 'default',
  WITHDRAWN: 'default',
} as const;

/** The organiser's desk: registrations to approve, who to invite, meetings, check-in and figures. */
export default function OrganiserDeskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const event = useQuery(EventDetailQuery, { variables: { id } });
  const desk = useQuery(OrganiserDeskQuery, { variables: { id } });
  const proposals = useQuery(EventProposalsQuery, { variables: { id } });
  const [decide] = useMutation(DecideEventRegistrationMutation);
  const [checkIn] = useMutation(CheckInEventRegistrationMutation);
  const [cancelEvent] = useMutation(CancelEventMutation);
  const [editing, setEditing] = useState(false);

  if ((event.loading && !event.data) || (desk.loading && !desk.data)) return <PageLoading />;
  if (event.error || desk.error || !event.data || !desk.data) {
    return <ErrorState error={event.error ?? desk.error} onRetry={() => void desk.refetch()} />;
  }
  const { eventRegistrations: registrations, eventMeetings: meetings, eventFigures: figures } = desk.data;
  const slots = event.data.event.slots;
  const act = (work: Promise<unknown>) =>
    void work.then(
      () => Promise.all([desk.refetch(), event.refetch()]),
      (problem: unknown) => message.error(describeApiError(problem).message),
    );

  const registrationTable = (checkInMode: boolean) => (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      locale={{ emptyText: t('events.desk.noRegistrations') }}
      dataSource={checkInMode ? registrations.filter((r) => r.status === 'APPROVED') : registrations}
      columns={[
        { title: t('events.desk.person'), dataIndex: 'personName' },
        { title: t('events.desk.organisation'), dataIndex: 'organisationName' },
        { title: t('events.desk.side'), dataIndex: 'side', render: (side: string) => t(`events.side.${side}`) },
        {
          title: t('events.desk.status'),
          dataIndex: 'status',
          render: (status: keyof typeof REGISTRATION_COLOURS) => (
            <Tag color={REGISTRATION_COLOURS[status]}>{t(`events.registrationStatus.${status}`)}</Tag>
          ),
        },
        {
          title: t('events.desk.actions'),
          key: 'actions',
          render: (_: unknown, row) =>
            checkInMode ? (
              row.checkedInAt ? (
                <Tag color={TAG_COLOURS.mode}>{t('events.desk.checkedInDone')}</Tag>
              ) : (
                <Button size="small" onClick={() => act(checkIn({ variables: { id: row.id } }))}>
                  {t('events.desk.checkInAction')}
                </Button>
              )
            ) : row.status === 'PENDING' ? (
              <Space>
                <Button
                  size="small"
                  type="primary"
                  aria-label={`${t('events.desk.approve')} ${row.personName}`}
                  onClick={() => act(decide({ variables: { input: { registrationId: row.id, approve: true } } }))}
                >
                  {t('events.desk.approve')}
                </Button>
                <Button
                  size="small"
                  onClick={() => act(decide({ variables: { input: { registrationId: row.id, approve: false } } }))}
                >
                  {t('events.desk.decline')}
                </Button>
              </Space>
            ) : null,
        },
      ]}
    />
  );

  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('events.desk.title', { title: event.data.event.title })}
        </Typography.Title>
        {event.data.event.status !== 'CANCELLED' && new Date(event.data.event.endsAt).getTime() > Date.now() && (
          <Space>
            <Button onClick={() => setEditing((open) => !open)}>{t('events.desk.edit')}</Button>
            <CallOffButton
              label={t('events.cancelEvent.button')}
              title={t('events.cancelEvent.title', { title: event.data.event.title })}
              explanation={t('events.cancelEvent.explanation')}
              confirmText={t('events.cancelEvent.confirm')}
              onConfirm={async (reason) => {
                await cancelEvent({ variables: { id, reason } });
                setEditing(false);
                await Promise.all([event.refetch(), desk.refetch()]);
                void message.success(t('events.cancelEvent.done'));
              }}
            />
          </Space>
        )}
        {event.data.event.status === 'CANCELLED' && <Tag color="red">{t('events.status.CANCELLED')}</Tag>}
      </Space>
      {editing && (
        <Card title={t('events.desk.editTitle')} style={{ marginBottom: 16 }}>
          <EventForm
            event={event.data.event}
            onSaved={() => {
              setEditing(false);
              void Promise.all([event.refetch(), desk.refetch()]);
            }}
          />
        </Card>
      )}
      <Tabs
        items={[
          { key: 'registrations', label: t('events.desk.registrations'), children: registrationTable(false) },
          {
            key: 'proposals',
            label: t('events.desk.proposals'),
            children: (
              <ListStates
                loading={proposals.loading}
                error={proposals.error}
                empty={(proposals.data?.eventProposals.length ?? 0) === 0}
                emptyText={t('events.desk.noProposals')}
                onRetry={() => void proposals.refetch()}
              >
                <List
                  dataSource={proposals.data?.eventProposals ?? []}
                  renderItem={(proposal) => (
                    <List.Item key={`${proposal.direction}:${proposal.organisationId}:${proposal.targetTitle}`}>
                      <List.Item.Meta
                        title={
                          <Space wrap>
                            <Tag color={proposal.direction === 'ENTERPRISE' ? 'blue' : 'purple'}>
                              {t(`events.desk.proposalDirection.${proposal.direction}`)}
                            </Tag>
                            {proposal.organisationName}
                            {proposal.alreadyRegistered && (
                              <Tag color={TAG_COLOURS.mode}>{t('events.desk.alreadyRegistered')}</Tag>
                            )}
                          </Space>
                        }
                        description={
                          <Space direction="vertical" size={0}>
                            <span>
                              {proposal.demandTitle} ↔ {proposal.targetTitle} ·{' '}
                              {t('events.desk.score', { score: formatRelevance(proposal.score) })}
                            </span>
                            {proposal.matchedTerms.length > 0 && (
                              <span>{t('events.desk.sharedTerms', { terms: proposal.matchedTerms.join('、') })}</span>
                            )}
                            {proposal.reasons.map((reason) => (
                              <span key={reason}>{reason}</span>
                            ))}
                          </Space>
                        }
                      />
                    </List.Item>
                  )}
                />
              </ListStates>
            ),
          },
          {
            key: 'meetings',
            label: t('events.desk.meetings'),
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                locale={{ emptyText: t('events.desk.noMeetings') }}
                dataSource={meetings}
                columns={[
                  {
                    title: t('events.desk.slot'),
                    dataIndex: 'slotIndex',
                    render: (index: number) => (slots[index] ? clockOf(slots[index].startsAtLocal) : index),
                  },
                  { title: t('events.desk.enterprise'), dataIndex: 'enterpriseName' },
                  { title: t('events.desk.researcher'), dataIndex: 'researcherName' },
                  {
                    title: t('events.desk.status'),
                    key: 'status',
                    render: (_: unknown, row) => (
                      <Space>
                        <Tag>{t(`events.meetingStatus.${row.status}`)}</Tag>
                        {row.outcome && <Tag color="blue">{t(`events.outcome.${row.outcome}`)}</Tag>}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          { key: 'check-in', label: t('events.desk.checkIn'), children: registrationTable(true) },
          {
            key: 'figures',
            label: t('events.desk.figures'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Row gutter={[16, 16]}>
                  {funnel(figures).map((step) => (
                    <Col key={step.key} xs={12} md={6}>
                      <Card size="small">
                        <Statistic title={t(`events.desk.figure.${step.key}`)} value={step.value} />
                        {step.conversion !== null && (
                          <Typography.Text type="secondary">
                            {t('events.desk.conversion', { percent: step.conversion })}
                          </Typography.Text>
                        )}
                      </Card>
                    </Col>
                  ))}
                </Row>
                <Typography.Text type="secondary">
                  {(['approved', 'checkedIn', 'meetingsRequested', 'followUps', 'notInterested'] as const)
                    .map((key) => `${t(`events.desk.figure.${key}`)} ${figures[key]}`)
                    .join(' · ')}
                </Typography.Text>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
