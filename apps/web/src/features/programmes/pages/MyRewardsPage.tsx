import { Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { ListStates } from '../../../shared/ui/states';
import { RewardApplicationsTable } from '../components/RewardApplicationsTable';
import { RewardApplicationsQuery } from '../operations';

/** 我的奖励申请 (researcher team, institution TTO): the drafts the platform raised, then their review. */
export default function MyRewardsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(RewardApplicationsQuery, {
    variables: { first: 100 },
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/rewards" replace />;
  const rows = data?.rewardApplications.nodes ?? [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('programmes.rewards.myTitle')}
      </Typography.Title>
      <Typography.Paragraph className="secondary">{t('programmes.rewards.myIntro')}</Typography.Paragraph>
      <ListStates
        loading={loading && !data}
        error={error}
        empty={rows.length === 0}
        emptyText={t('programmes.rewards.myEmpty')}
        onRetry={() => void refetch()}
      >
        <RewardApplicationsTable rows={rows} />
      </ListStates>
    </div>
  );
}
