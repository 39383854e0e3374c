import { Alert, Button, Card, Descriptions, List, message, Popconfirm, Space, Timeline, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import type { AchievementStatus } from '../../../gql/graphql';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { downloadFile } from '../../../shared/lib/files';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { AchievementMatches } from '../../researcher/components/AchievementMatches';
import { MyAchievementQuery, SubmitAchievementMutation } from '../operations';
import { StageTag } from '../StageTag';
import { canSubmit } from '../status';

/** Matching runs over what is on the market. */
const MATCHED_STATUSES: AchievementStatus[] = ['LISTED', 'IN_NEGOTIATION', 'STALE', 'TRANSFERRED'];

/** One achievement as its team sees it: stage, return reason, the rights-confirmation timeline, submit. */
export default function MyAchievementPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { session } = useSession();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(MyAchievementQuery, { variables: { id }, skip: !session });
  const [submit, submitting] = useMutation(SubmitAchievementMutation);
  if (!session) return <Navigate to={`/sign-in?next=/workspace/achievements/${id}`} replace />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const achievement = data?.achievement;
  if (loading || !achievement) return <PageLoading />;
  const returned = achievement.status === 'DRAFT' && achievement.rejectionReason;
  const onSubmit = () =>
    void submit({ variables: { id: achievement.id } }).then(
      () => message.success(t('myAchievements.submitted')),
      (failure: unknown) => message.error(describeApiError(failure).message),
    );
  return (
    <div>
      <Link to="/workspace/achievements">{t('myAchievements.backToList')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {achievement.title} <StageTag status={achievement.status} rejectionReason={achievement.rejectionReason} />
      </Typography.Title>
      {returned && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('myAchievements.returnedTitle')}
          description={achievement.rejectionReason}
        />
      )}
      {canSubmit(achievement.status) && (
        <Space style={{ marginBottom: 16 }}>
          <Button onClick={() => void navigate(`/workspace/achievements/${achievement.id}/edit`)}>
            {t('researcher.filing.edit')}
          </Button>
          <Popconfirm title={t('myAchievements.submitConfirm')} onConfirm={onSubmit}>
            <Button type="primary" loading={submitting.loading}>
              {returned ? t('myAchievements.resubmit') : t('myAchievements.submit')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      <Card title={t('myAchievements.details')} style={{ marginBottom: 16 }}>
        <Descriptions column={1}>
          <Descriptions.Item label={t('myAchievements.summary')}>{achievement.summary}</Descriptions.Item>
          <Descriptions.Item label={t('myAchievements.institution')}>
            {achievement.institution?.name ?? t('common.unknown')}
          </Descriptions.Item>
          {achievement.notice && (
            <Descriptions.Item label={t('myAchievements.notice')}>
              {formatDate(achievement.notice.startsAt, i18n.language)} –{' '}
              {formatDate(achievement.notice.endsAt, i18n.language)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {MATCHED_STATUSES.includes(achievement.status) && (
        <AchievementMatches achievementId={achievement.id} language={achievement.language} />
      )}
      <Card title={t('researcher.attachments.label')} style={{ marginBottom: 16 }}>
        <List
          size="small"
          dataSource={achievement.attachments ?? []}
          locale={{ emptyText: t('researcher.attachments.none') }}
          renderItem={(file) => (
            <List.Item key={file.fileId ?? file.name}>
              {file.url ? (
                <Button
                  type="link"
                  style={{ padding: 0 }}
                  onClick={() =>
                    void downloadFile(file.url!, file.name).catch((failure: Error) => message.error(failure.message))
                  }
                >
                  {file.name}
                </Button>
              ) : (
                file.name
              )}
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('myAchievements.inventors')} style={{ marginBottom: 16 }}>
        <List
          dataSource={achievement.inventors}
          locale={{ emptyText: t('myAchievements.noInventors') }}
          renderItem={(inventor) => (
            <List.Item key={inventor.id}>
              <List.Item.Meta
                title={inventor.name}
                description={
                  inventor.consentedAt
                    ? t('myAchievements.consented', { date: formatDate(inventor.consentedAt, i18n.language) })
                    : t('myAchievements.notConsented')
                }
              />
              <span>{t('myAchievements.share', { share: inventor.contributionShare })}</span>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('myAchievements.timeline')}>
        <Timeline
          items={achievement.timeline.map((step) => ({
            key: step.id,
            color: step.event === 'REJECT' ? 'red' : 'blue',
            children: (
              <div>
                <strong>{t(`myAchievements.events.${step.event}`, { defaultValue: step.event })}</strong>{' '}
                <span style={{ color: '#595959' }}>{formatDate(step.createdAt, i18n.language)}</span>
                {step.comment && <div>{t('myAchievements.reviewerComment', { comment: step.comment })}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
