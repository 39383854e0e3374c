import { message, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { InvitationCard } from '../components/InvitationCard';
import {
  AnswerExpertCallInvitationMutation,
  MyExpertCallInvitationsQuery,
  SubmitExpertCallResponseMutation,
} from '../operations';

/** An expert's invitations to the bureau's calls: accept or decline, then respond before the deadline. */
export default function MyExpertCallInvitationsPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MyExpertCallInvitationsQuery);
  const [answer, answering] = useMutation(AnswerExpertCallInvitationMutation);
  const [respond, responding] = useMutation(SubmitExpertCallResponseMutation);
  const invitations = data?.myExpertCallInvitations ?? [];
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
      await refetch();
    } catch (problem) {
      void message.error(describeApiError(problem).message);
    }
  };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('expertCalls.my.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('expertCalls.my.intro')}</Typography.Paragraph>
      <ListStates
        loading={loading}
        error={error}
        empty={invitations.length === 0}
        emptyText={t('expertCalls.my.empty')}
        onRetry={() => void refetch()}
      >
        {invitations.map((invitation) => (
          <InvitationCard
            key={invitation.id}
            invitation={invitation}
            loading={answering.loading || responding.loading}
            onAnswer={(input) =>
              void run(
                () => answer({ variables: { input } }),
                input.accept ? t('expertCalls.my.accepted') : t('expertCalls.my.declined'),
              )
            }
            onRespond={(input) => void run(() => respond({ variables: { input } }), t('expertCalls.my.submitted'))}
          />
        ))}
      </ListStates>
    </div>
  );
}
