import { Button, Card, List, message, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { downloadFile } from '../../../shared/lib/files';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { takingAnswers } from '../logic';
import { ExpertCallDeskQuery, ExpertCallProposalsQuery, InviteExpertsToCallMutation } from '../operations';

/** The bureau's desk of one call: proposed experts with invite buttons, invitations and answers, responses, contributors. */
export default function ExpertCallDeskPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const desk = useQuery(ExpertCallDeskQuery, { variables: { id } });
  const proposals = useQuery(ExpertCallProposalsQuery, { variables: { id } });
  const [invite, inviting] = useMutation(InviteExpertsToCallMutation);
  const call = desk.data?.expertCall;
  const invitations = desk.data?.expertCallInvitations ?? [];
  const contributors = desk.data?.expertCallContributors ?? [];
  const open = call ? takingAnswers(call) : false;
  const when = (at?: string | null) => (at ? new Date(at).toLocaleString(i18n.language) : '—');

  const onInvite = async (expertId: string) => {
    try {
      await invite({ variables: { input: { callId: id, expertIds: [expertId] } } });
      void message.success(t('expertCalls.desk.invited'));
      await Promise.all([desk.refetch(), proposals.refetch()]);
    } catch (problem) {
      void message.error(describeApiError(problem).message);
    }
  };

  return (
    <ListStates loading={desk.loading} error={desk.error} empty={!call} onRetry={() => void desk.refetch()}>
      {call && (
        <div>
          <Link to="/workspace/expert-calls">{t('expertCalls.desk.back')}</Link>
          <Typography.Title level={1} style={{ fontSize: 24 }}>
            {call.title} <Tag>{t(`expertCalls.status.${call.status}`)}</Tag>
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{call.question}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t('expertCalls.deadline', { deadline: when(call.deadline) })}
            {call.keywords.length > 0 && ` · ${call.keywords.join('、')}`}
          </Typography.Paragraph>

          <Card title={t('expertCalls.desk.proposals')} style={{ marginBottom: 16 }}>
            {!open && <Typography.Paragraph type="secondary">{t('expertCalls.desk.notOpen')}</Typography.Paragraph>}
            <ListStates
              loading={proposals.loading}
              error={proposals.error}
              empty={(proposals.data?.expertCallProposals ?? []).length === 0}
              emptyText={t('expertCalls.desk.noProposals')}
              onRetry={() => void proposals.refetch()}
            >
              <List
                dataSource={proposals.data?.expertCallProposals ?? []}
                renderItem={(proposal) => (
                  <List.Item
                    key={proposal.expertId}
                    actions={[
                      proposal.invitation ? (
                        <Tag key="status">{t(`expertCalls.invitationStatus.${proposal.invitation.status}`)}</Tag>
                      ) : (
                        <Button
                          key="invite"
                          disabled={!open}
                          loading={inviting.loading}
                          onClick={() => void onInvite(proposal.expertId)}
                        >
                          {t('expertCalls.desk.invite')}
                        </Button>
                      ),
                    ]}
                  >
                    <List.Item.Meta
                      title={`${proposal.rank}. ${proposal.name}`}
                      description={
                        <Space wrap size={4}>
                          {proposal.headline}
                          {proposal.matchedTerms.length > 0 && t('expertCalls.matchedTerms')}
                          {proposal.matchedTerms.map((term) => (
                            <Tag key={term}>{term}</Tag>
                          ))}
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            </ListStates>
          </Card>

          <Card title={t('expertCalls.desk.invitations')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={invitations}
              locale={{ emptyText: t('expertCalls.desk.noInvitations') }}
              expandable={{
                rowExpandable: (row) => Boolean(row.response),
                expandedRowRender: (row) => (
                  <div>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {row.response}
                    </Typography.Paragraph>
                    {row.responseAttachments.map((file) => (
                      <Button key={file.fileId} type="link" onClick={() => void downloadFile(file.url, file.name)}>
                        {file.name}
                      </Button>
                    ))}
                  </div>
                ),
              }}
              columns={[
                { title: t('expertCalls.desk.expert'), dataIndex: 'expertName' },
                { title: t('expertCalls.desk.organisation'), render: (_, row) => row.organisation?.name ?? '—' },
                {
                  title: t('expertCalls.desk.answer'),
                  render: (_, row) => (
                    <span>
                      <Tag>{t(`expertCalls.invitationStatus.${row.status}`)}</Tag>
                      {row.declineReason}
                    </span>
                  ),
                },
                { title: t('expertCalls.desk.respondedAt'), render: (_, row) => when(row.respondedAt) },
              ]}
            />
          </Card>

          <Card title={t('expertCalls.desk.contributors', { count: contributors.length })}>
            <List
              dataSource={contributors}
              locale={{ emptyText: t('expertCalls.desk.noContributors') }}
              renderItem={(contributor) => (
                <List.Item key={contributor.id}>
                  {contributor.expertName} · {when(contributor.respondedAt)}
                </List.Item>
              )}
            />
          </Card>
        </div>
      )}
    </ListStates>
  );
}
