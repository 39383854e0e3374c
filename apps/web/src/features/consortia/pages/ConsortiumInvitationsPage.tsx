import { Button, Card, message, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { AnswerConsortiumInvitationMutation, ConsortiumInvitationsQuery } from '../operations';

/** Invitations to consortia waiting on organisations the viewer administers: accept or decline. */
export default function ConsortiumInvitationsPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(ConsortiumInvitationsQuery);
  const [answer, answering] = useMutation(AnswerConsortiumInvitationMutation);
  const invitations = data?.consortiumInvitations ?? [];
  const onAnswer = async (memberId: string, accept: boolean) => {
    try {
      await answer({ variables: { input: { memberId, accept } } });
      void message.success(accept ? t('consortia.invitations.accepted') : t('consortia.invitations.declined'));
      await refetch();
    } catch (problem) {
      void message.error(describeApiError(problem).message);
    }
  };
  return (
    <div>
      <Link to="/workspace/consortia">{t('consortia.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('consortia.invitations.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('consortia.invitations.intro')}</Typography.Paragraph>
      <ListStates
        loading={loading}
        error={error}
        empty={invitations.length === 0}
        emptyText={t('consortia.invitations.empty')}
        onRetry={() => void refetch()}
      >
        {invitations.map((invitation) => (
          <Card
            key={invitation.id}
            title={invitation.consortium.name}
            extra={<Tag>{t(`consortia.role.${invitation.role}`)}</Tag>}
            style={{ marginBottom: 16 }}
          >
            <Typography.Paragraph>
              {t('consortia.invitations.invites', {
                lead: invitation.consortium.leadOrganisation?.name ?? '—',
                organisation: invitation.organisation?.name ?? '—',
                role: t(`consortia.role.${invitation.role}`),
              })}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
              {invitation.consortium.goal}
            </Typography.Paragraph>
            <Space>
              <Button type="primary" loading={answering.loading} onClick={() => void onAnswer(invitation.id, true)}>
                {t('consortia.invitations.accept')}
              </Button>
              <Button loading={answering.loading} onClick={() => void onAnswer(invitation.id, false)}>
                {t('consortia.invitations.decline')}
              </Button>
            </Space>
          </Card>
        ))}
      </ListStates>
    </div>
  );
}
