import { useEffect, useState } from 'react';
import { Alert, Button, Card, List, message, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MatchStatus } from '../../../gql/graphql';
import { formatWan, industryName } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import type { ExplainedDemand } from '../explanation';
import { DemandMatchInboxQuery, MarkMatchInterestedMutation } from '../operations';
import { DeclineMatchDialog } from './DeclineMatchDialog';
import { MatchExplanation } from './MatchExplanation';

const STATUS_COLOURS: Partial<Record<MatchStatus, string>> = {
  SUGGESTED: TAG_COLOURS.warning,
  VIEWED: 'default',
  INTERESTED: TAG_COLOURS.mode,
};

/** While a just-published demand has no matches yet, ask again every few seconds (the worker is matching it). */
const WAITING_POLL_MS = 4000;

/** The match inbox of one demand: ranked, each with its explanation; interested → introduction, or decline. */
export function MatchInbox({
  demandId,
  demand,
  open,
  onChanged,
}: {
  demandId: string;
  demand: ExplainedDemand;
  open: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [declining, setDeclining] = useState<{ id: string; title: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { data, loading, error, refetch, fetchMore, startPolling, stopPolling } = useQuery(DemandMatchInboxQuery, {
    variables: { demandId },
    skip: !open,
    fetchPolicy: 'cache-and-network',
  });
  const matches = data?.demandMatches.nodes ?? [];
  const waiting = open && !!data && data.demandMatches.totalCount === 0;
  useEffect(() => {
    if (!waiting) return undefined;
    startPolling(WAITING_POLL_MS);
    return () => stopPolling();
  }, [waiting, startPolling, stopPolling]);
  const [interested, interestedState] = useMutation(MarkMatchInterestedMutation);

  const askForIntroduction = async (matchId: string) => {
    setFailure(null);
    try {
      await interested({ variables: { matchId } });
      message.success(t('enterprise.inbox.interestedDone'));
      onChanged();
    } catch (problem) {
      setFailure(describeApiError(problem).message);
    }
  };

  return (
    <Card
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          {t('enterprise.inbox.title')}
          {data && ` (${data.demandMatches.totalCount})`}
        </h2>
      }
    >
      {!open ? (
        <Alert type="info" showIcon title={t('enterprise.inbox.notOpen')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('enterprise.inbox.hint')}</Typography.Paragraph>
          {failure && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={failure} />}
          <ListStates
            loading={loading}
            error={error}
            empty={matches.length === 0}
            emptyText={waiting ? t('enterprise.inbox.waiting') : t('enterprise.inbox.empty')}
            onRetry={() => void refetch()}
          >
            <List
              itemLayout="vertical"
              dataSource={matches}
              renderItem={(match, index) => {
                const achievement = match.achievement;
                const expert = match.expert;
                const title = achievement?.title ?? expert?.name ?? t('enterprise.inbox.hidden');
                const link = achievement ? `/achievements/${achievement.id}` : expert ? `/experts/${expert.id}` : null;
                const facts = achievement
                  ? [
                      achievement.institution?.name,
                      industryName(i18n.language, achievement.industry),
                      achievement.trl ? t('enterprise.inbox.trl', { trl: achievement.trl }) : null,
                      t('enterprise.inbox.price', { price: formatWan(t, achievement.askingPriceWan) }),
                    ]
                  : [expert?.institution?.name, expert?.title, t('enterprise.inbox.expert')];
                return (
                  <List.Item
                    key={match.id}
                    data-testid="match-item"
                    actions={[
                      match.status === 'INTERESTED' ? (
                        <Tag key="asked" color={TAG_COLOURS.mode}>
                          {t('enterprise.inbox.introductionRequested')}
                        </Tag>
                      ) : (
                        <Button
                          key="interested"
                          type="primary"
                          loading={interestedState.loading}
                          onClick={() => void askForIntroduction(match.id)}
                          aria-label={t('enterprise.inbox.interestedOf', { title })}
                        >
                          {t('enterprise.inbox.interested')}
                        </Button>
                      ),
                      <Button
                        key="decline"
                        onClick={() => setDeclining({ id: match.id, title })}
                        aria-label={t('enterprise.inbox.declineOf', { title })}
                      >
                        {t('enterprise.inbox.decline')}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <span className="match-rank">{t('enterprise.inbox.rank', { rank: index + 1 })}</span>
                          {link ? <Link to={link}>{title}</Link> : title}
                          <Tag color={STATUS_COLOURS[match.status]}>{t(`enterprise.matchStatus.${match.status}`)}</Tag>
                        </Space>
                      }
                      description={facts.filter(Boolean).join(' · ')}
                    />
                    <MatchExplanation match={match} demand={demand} />
                  </List.Item>
                );
              }}
            />
            {data?.demandMatches.pageInfo.hasNextPage && (
              <Button
                onClick={() =>
                  void fetchMore({
                    variables: { after: data.demandMatches.pageInfo.endCursor },
                    updateQuery: (previous, { fetchMoreResult }) => ({
                      demandMatches: {
                        ...fetchMoreResult.demandMatches,
                        nodes: [...previous.demandMatches.nodes, ...fetchMoreResult.demandMatches.nodes],
                      },
                    }),
                  })
                }
              >
                {t('enterprise.inbox.more')}
              </Button>
            )}
          </ListStates>
        </>
      )}
      {declining && (
        <DeclineMatchDialog
          matchId={declining.id}
          title={declining.title}
          onClose={() => setDeclining(null)}
          onDeclined={() => {
            setDeclining(null);
            message.success(t('enterprise.decline.done'));
            void refetch();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
