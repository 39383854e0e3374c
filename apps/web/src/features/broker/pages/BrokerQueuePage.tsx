import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, List, Row, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate, formatRelevance, industryName } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { EmptyState, ErrorState, ListLoading } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { PageTitle, Paragraph } from '../../../shared/ui/typography';
import { toast } from '../../../shared/ui/toast';
import { BrokerNav } from '../components/BrokerNav';
import { targetTitle } from '../components/labels';
import {
  BrokerQueueFiltersQuery,
  BrokerWorkQueueQuery,
  ClaimMatchMutation,
  PipelineBoardQuery,
  ReleaseClaimMutation,
  type BrokerMatchPartsFragment,
} from '../operations';
import { claimExpiresSoon, daysSince, leadsOf } from '../pipeline';

// The composer (a modal with a form) loads when a broker first introduces a pair, not with the queue.
const IntroductionComposer = lazy(() =>
  import('../components/IntroductionComposer').then((module) => ({ default: module.IntroductionComposer })),
);

const PAGE = 20;
const AGES = [7, 30, 90];

interface Filters {
  industryCode?: string;
  institutionId?: string;
  maxAgeDays?: number;
  interestOnly?: boolean;
}

/** 待认领匹配: the work queue of unclaimed matches with filters; claim; my claims with introduce / release. */
export default function BrokerQueuePage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [composing, setComposing] = useState<BrokerMatchPartsFragment | null>(null);
  // Once opened, the composer stays mounted so that it closes with antd's animation.
  const [composerUsed, setComposerUsed] = useState(false);
  const compose = (match: BrokerMatchPartsFragment | null) => {
    if (match) setComposerUsed(true);
    setComposing(match);
  };
  const variables = { first: PAGE, ...filters };
  const { data, loading, error, refetch, fetchMore } = useQuery(BrokerWorkQueueQuery, {
    skip: !session,
    variables,
    fetchPolicy: 'cache-and-network',
  });
  const options = useQuery(BrokerQueueFiltersQuery, { skip: !session });
  // The claims not introduced yet (the board's leads): a claim stays held while its introduction is alive.
  const board = useQuery(PipelineBoardQuery, { skip: !session, fetchPolicy: 'cache-and-network' });
  const [claim, claiming] = useMutation(ClaimMatchMutation);
  const [release, releasing] = useMutation(ReleaseClaimMutation);
  const now = useMemo(() => new Date(), [data]);
  if (!session) return <Navigate to="/sign-in?next=/workspace/broker/queue" replace />;

  const queue = data?.brokerWorkQueue.matches;
  const claims = leadsOf(data?.brokerWorkQueue.claims ?? [], [
    ...(board.data?.proposed.nodes ?? []).map((introduction) => introduction.matchId),
    ...(board.data?.deals.nodes ?? []).map((deal) => deal.introduction?.matchId),
  ]);
  const institutions = [...(options.data?.organisations ?? []), ...(options.data?.institutes ?? [])];
  const expertLabel = (name: string) => t('broker.queue.expert', { name });

  const onClaim = (matchId: string) =>
    void claim({ variables: { matchId } }).then(
      async () => {
        toast.success(t('broker.queue.claimed'));
        await Promise.all([refetch(), board.refetch()]);
      },
      (failure: unknown) => toast.error(describeApiError(failure).message),
    );
  const onRelease = (claimId: string) =>
    void release({ variables: { claimId } }).then(
      async () => {
        toast.success(t('broker.queue.released'));
        await refetch();
      },
      (failure: unknown) => toast.error(describeApiError(failure).message),
    );

  return (
    <div>
      <PageTitle>{t('broker.queue.title')}</PageTitle>
      <BrokerNav />
      <Paragraph className="secondary">{t('broker.queue.intro')}</Paragraph>
      {error ? (
        <>
          <ErrorState error={error} onRetry={() => void refetch()} />
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('broker.credentialHint')} />
        </>
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Card
              title={t('broker.queue.filters')}
              extra={queue ? t('broker.queue.count', { count: queue.totalCount }) : null}
              style={{ marginBottom: 16 }}
            >
              <Space wrap size="middle">
                <Select
                  aria-label={t('broker.queue.industry')}
                  placeholder={t('broker.queue.industry')}
                  allowClear
                  style={{ width: 180 }}
                  value={filters.industryCode}
                  onChange={(industryCode?: string) => setFilters((f) => ({ ...f, industryCode }))}
                  options={(options.data?.industries ?? []).map((industry) => ({
                    value: industry.code,
                    label: industryName(i18n.language, industry),
                  }))}
                />
                <Select
                  aria-label={t('broker.queue.institution')}
                  placeholder={t('broker.queue.institution')}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 220 }}
                  value={filters.institutionId}
                  onChange={(institutionId?: string) => setFilters((f) => ({ ...f, institutionId }))}
                  options={institutions.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
                />
                <Select
                  aria-label={t('broker.queue.age')}
                  style={{ width: 140 }}
                  value={filters.maxAgeDays ?? 0}
                  onChange={(days: number) => setFilters((f) => ({ ...f, maxAgeDays: days || undefined }))}
                  options={[
                    { value: 0, label: t('broker.queue.anyAge') },
                    ...AGES.map((days) => ({ value: days, label: t('broker.queue.ageDays', { count: days }) })),
                  ]}
                />
                {/* A checkbox, not a Switch: the table already loads it (row selection), a Switch is 2.4 KB more. */}
                <Checkbox
                  checked={!!filters.interestOnly}
                  onChange={(event) => setFilters((f) => ({ ...f, interestOnly: event.target.checked || undefined }))}
                >
                  {t('broker.queue.interestOnly')}
                </Checkbox>
                <Button onClick={() => setFilters({})}>{t('broker.queue.clear')}</Button>
              </Space>
            </Card>
            <Card title={t('broker.queue.title')}>
              {loading && !data ? (
                <ListLoading />
              ) : !queue || queue.nodes.length === 0 ? (
                <EmptyState description={t('broker.queue.empty')} />
              ) : (
                <>
                  <Table
                    rowKey={(item) => item.match.id}
                    dataSource={queue.nodes}
                    pagination={false}
                    size="middle"
                    columns={[
                      {
                        title: t('broker.queue.demand'),
                        key: 'demand',
                        render: (_, item) => (
                          <div>
                            <div style={{ fontWeight: 500 }}>{item.match.demand?.title ?? '—'}</div>
                            <div className="secondary" style={{ fontSize: 12 }}>
                              {[
                                item.match.demand?.organisation?.name,
                                industryName(i18n.language, item.match.demand?.industry),
                              ]
                                .filter(Boolean)
                                .join(' · ')}
                            </div>
                            {item.interest && (
                              <div style={{ marginTop: 4 }}>
                                <Tag color={TAG_COLOURS.warning}>{t('broker.queue.interest')}</Tag>
                                {item.interest.message && (
                                  <span style={{ fontSize: 12 }}>
                                    {t('broker.queue.interestMessage', { message: item.interest.message })}
                                  </span>
                                )}
                              </div>
                            )}
                          </div>
                        ),
                      },
                      {
                        title: t('broker.queue.target'),
                        key: 'target',
                        render: (_, item) => (
                          <div>
                            <div style={{ fontWeight: 500 }}>{targetTitle(item.match, expertLabel)}</div>
                            <div className="secondary" style={{ fontSize: 12 }}>
                              {item.match.achievement?.institution?.name ?? ''}
                            </div>
                            {item.entrusted && <Tag color={TAG_COLOURS.mode}>{t('broker.queue.entrusted')}</Tag>}
                          </div>
                        ),
                      },
                      {
                        title: t('broker.queue.score'),
                        key: 'score',
                        width: 90,
                        render: (_, item) => formatRelevance(item.match.score),
                      },
                      {
                        title: t('broker.queue.inQueue'),
                        key: 'age',
                        width: 90,
                        render: (_, item) => t('broker.queue.days', { count: daysSince(item.matchedAt, now) }),
                      },
                      {
                        title: '',
                        key: 'claim',
                        width: 90,
                        render: (_, item) => (
                          <Button
                            type="primary"
                            loading={claiming.loading}
                            onClick={() => onClaim(item.match.id)}
                            aria-label={`${t('broker.queue.claim')}：${item.match.demand?.title ?? ''} ↔ ${targetTitle(item.match, expertLabel)}`}
                          >
                            {t('broker.queue.claim')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                  {queue.pageInfo.hasNextPage && (
                    <Button
                      style={{ marginTop: 12 }}
                      onClick={() =>
                        void fetchMore({
                          variables: { ...variables, after: queue.pageInfo.endCursor },
                          updateQuery: (previous, { fetchMoreResult }) => ({
                            ...fetchMoreResult,
                            brokerWorkQueue: {
                              ...fetchMoreResult.brokerWorkQueue,
                              matches: {
                                ...fetchMoreResult.brokerWorkQueue.matches,
                                nodes: [
                                  ...previous.brokerWorkQueue.matches.nodes,
                                  ...fetchMoreResult.brokerWorkQueue.matches.nodes,
                                ],
                              },
                            },
                          }),
                        })
                      }
                    >
                      {t('broker.queue.more')}
                    </Button>
                  )}
                </>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('broker.queue.myClaims')}>
              {loading && !data ? (
                <ListLoading />
              ) : claims.length === 0 ? (
                <EmptyState description={t('broker.queue.noClaims')} />
              ) : (
                <List
                  dataSource={claims}
                  renderItem={(held) => (
                    <List.Item key={held.id} style={{ display: 'block' }}>
                      <div style={{ fontWeight: 500 }}>{held.match?.demand?.title ?? '—'}</div>
                      <div style={{ fontSize: 13 }}>↔ {targetTitle(held.match, expertLabel)}</div>
                      <div className="secondary" style={{ fontSize: 12, margin: '4px 0' }}>
                        {t('broker.queue.expires', { date: formatDate(held.expiresAt, i18n.language) })}
                        {claimExpiresSoon(held.expiresAt, now) && (
                          <Tag color={TAG_COLOURS.danger} style={{ marginInlineStart: 8 }}>
                            {t('broker.queue.expiresSoon')}
                          </Tag>
                        )}
                      </div>
                      <Space>
                        <Button
                          type="primary"
                          size="small"
                          disabled={!held.match}
                          onClick={() => compose(held.match ?? null)}
                        >
                          {t('broker.queue.introduce')}
                        </Button>
                        <Button size="small" loading={releasing.loading} onClick={() => onRelease(held.id)}>
                          {t('broker.queue.release')}
                        </Button>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
        </Row>
      )}
      {composerUsed && (
        <Suspense fallback={null}>
          <IntroductionComposer
            match={composing}
            onClose={() => setComposing(null)}
            onSent={() => {
              setComposing(null);
              void Promise.all([refetch(), board.refetch()]);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
