import { Alert, Card, Descriptions, message, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { FollowUpForm } from '../components/FollowUpForm';
import { mayAnswer } from '../logic';
import { AnswerOutcomeFollowUpMutation, OutcomeFollowUpQuery } from '../operations';

/** One outcome follow-up (the link of its email and in-app notification): the enterprise answers it. */
export default function FollowUpPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(OutcomeFollowUpQuery, { variables: { id }, skip: !session });
  const [answer, answering] = useMutation(AnswerOutcomeFollowUpMutation);
  if (!session) return <Navigate to={`/sign-in?next=/follow-ups/${id}`} replace />;
  if (loading && !data) return <PageLoading />;
  if (error || !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const followUp = data.outcomeFollowUp;
  return (
    <div>
      <Link to="/workspace/follow-ups">← {t('programmes.followUp.listTitle')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>
        {t('programmes.followUp.title', { months: followUp.monthsAfter })}{' '}
        <Tag style={{ verticalAlign: 'middle' }}>{t(`programmes.followUp.status.${followUp.status}`)}</Tag>
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('programmes.followUp.institution')}>
            {followUp.institution?.name ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.followUp.registeredAt')}>
            {formatDate(followUp.registeredAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.followUp.dueAt')}>
            {formatDate(followUp.dueAt, i18n.language)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {followUp.status === 'ANSWERED' && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('programmes.followUp.answeredAt', { date: formatDate(followUp.answeredAt, i18n.language) })}
        />
      )}
      {followUp.status === 'SCHEDULED' && <Alert type="info" showIcon title={t('programmes.followUp.notAsked')} />}
      {followUp.status === 'LAPSED' && <Alert type="warning" showIcon title={t('programmes.followUp.lapsed')} />}
      {mayAnswer(followUp.status) && (
        <Card>
          <FollowUpForm
            key={followUp.answeredAt ?? 'new'}
            followUp={followUp}
            loading={answering.loading}
            onAnswer={(input) =>
              void answer({ variables: { input } }).then(
                () => void message.success(t('programmes.followUp.thanks')),
                (failure: unknown) => void message.error(describeApiError(failure).message),
              )
            }
          />
        </Card>
      )}
    </div>
  );
}
