import { useState } from 'react';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate } from '../../../shared/lib/format';
import { ListStates } from '../../../shared/ui/states';
import { DeleteDraftButton } from '../components/DeleteDraftButton';
import { MyAchievementsQuery } from '../operations';
import { StageTag } from '../StageTag';
import { FILTER_STAGES, statusesOfStage, type AchievementStage } from '../status';

/**
 * 我的成果: the achievements I own, represent or co-invented (filtered on the server), with their stage; the
 * stage chips filter on the server too; returned ones show why.
 */
export default function MyAchievementsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const stage = (FILTER_STAGES as readonly string[]).includes(params.get('stage') ?? '')
    ? (params.get('stage') as AchievementStage)
    : null;
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, refetch, fetchMore } = useQuery(MyAchievementsQuery, {
    variables: { statuses: stage ? statusesOfStage(stage) : null },
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/achievements" replace />;
  const mine = data?.achievements.nodes ?? [];
  const pageInfo = data?.achievements.pageInfo;
  const loadMore = () => {
    if (!pageInfo?.endCursor) return;
    setLoadingMore(true);
    void fetchMore({
      variables: { after: pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        achievements: {
          ...fetchMoreResult.achievements,
          nodes: [...previous.achievements.nodes, ...fetchMoreResult.achievements.nodes],
        },
      }),
    }).finally(() => setLoadingMore(false));
  };
  const choose = (next: AchievementStage | null) => setParams(next ? { stage: next } : {}, { replace: true });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('myAchievements.title')}
      </Typography.Title>
      <Card
        title={
          <Space wrap size={4} role="group" aria-label={t('researcher.list.filterByStage')}>
            <Tag.CheckableTag checked={!stage} onChange={() => choose(null)}>
              {t('researcher.list.all')}
            </Tag.CheckableTag>
            {FILTER_STAGES.map((option) => (
              <Tag.CheckableTag key={option} checked={stage === option} onChange={() => choose(option)}>
                {t(`myAchievements.stage.${option}`)}
              </Tag.CheckableTag>
            ))}
          </Space>
        }
        extra={
          <Space>
            <Link to="/workspace/expert-profile">{t('researcher.expert.link')}</Link>
            <Button type="primary" onClick={() => void navigate('/workspace/achievements/new')}>
              {t('filing.newAchievement')}
            </Button>
          </Space>
        }
      >
        {data && (
          <Typography.Paragraph type="secondary">
            {t('researcher.list.count', { count: data.achievements.totalCount })}
          </Typography.Paragraph>
        )}
        <ListStates
          loading={loading}
          error={error}
          empty={mine.length === 0}
          emptyText={stage ? t('researcher.list.emptyStage') : t('myAchievements.empty')}
          onRetry={() => void refetch()}
        >
          <List
            dataSource={mine}
            loadMore={
              pageInfo?.hasNextPage ? (
                <div style={{ textAlign: 'center', marginTop: 12 }}>
                  <Button loading={loadingMore} onClick={loadMore}>
                    {t('researcher.list.more')}
                  </Button>
                </div>
              ) : undefined
            }
            renderItem={(achievement) => (
              <List.Item key={achievement.id}>
                <List.Item.Meta
                  title={<Link to={`/workspace/achievements/${achievement.id}`}>{achievement.title}</Link>}
                  description={
                    achievement.status === 'DRAFT' && achievement.rejectionReason
                      ? t('myAchievements.returnedBecause', { reason: achievement.rejectionReason })
                      : t('myAchievements.updatedAt', { date: formatDate(achievement.updatedAt, i18n.language) })
                  }
                />
                <Space>
                  <StageTag status={achievement.status} rejectionReason={achievement.rejectionReason} />
                  {achievement.status === 'DRAFT' && (
                    <DeleteDraftButton achievement={achievement} onDeleted={() => void refetch()} />
                  )}
                </Space>
              </List.Item>
            )}
          />
        </ListStates>
      </Card>
    </div>
  );
}
