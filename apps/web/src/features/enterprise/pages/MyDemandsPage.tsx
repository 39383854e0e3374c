import { useState } from 'react';
import { Alert, Badge, Button, Card, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import type { DemandStatus } from '../../../gql/graphql';
import { formatDate, industryName } from '../../../shared/lib/format';
import { ErrorState, ListStates, PageLoading } from '../../../shared/ui/states';
import { PageTitle, Paragraph, SecondaryText } from '../../../shared/ui/typography';
import { DeleteDemandButton } from '../components/DeleteDemandButton';
import { MyDemandsQuery } from '../operations';
import { DEMAND_STATUS_COLOURS, DEMAND_STATUSES } from '../status';
import { useEnterprise } from '../use-enterprise';

/** 我的需求: the enterprise's demands (drafts too) with their status and match counts. */
export default function MyDemandsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<DemandStatus | undefined>();
  const { session, enterprise, loading: contextLoading, error: contextError, refetch: retryContext } = useEnterprise();
  const { data, loading, error, refetch } = useQuery(MyDemandsQuery, {
    variables: { organisationId: enterprise?.id ?? '', status },
    skip: !enterprise,
    fetchPolicy: 'cache-and-network',
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/demands" replace />;
  if (contextLoading) return <PageLoading />;
  if (contextError) return <ErrorState error={contextError} onRetry={() => void retryContext()} />;
  if (!enterprise) return <Alert type="warning" showIcon title={t('enterprise.noEnterprise')} />;
  const demands = data?.demands.nodes ?? [];
  return (
    <div>
      <PageTitle>{t('enterprise.myDemands.title')}</PageTitle>
      <Card
        title={
          <Space wrap>
            <span>{enterprise.name}</span>
            {data && (
              <SecondaryText>{t('enterprise.myDemands.total', { count: data.demands.totalCount })}</SecondaryText>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            <Select
              allowClear
              aria-label={t('enterprise.myDemands.statusFilter')}
              placeholder={t('enterprise.myDemands.statusFilter')}
              style={{ minWidth: 140 }}
              value={status}
              onChange={(value?: DemandStatus) => setStatus(value)}
              options={DEMAND_STATUSES.map((value) => ({ value, label: t(`enterprise.status.${value}`) }))}
            />
            <Button type="primary" onClick={() => void navigate('/workspace/demands/new')}>
              {t('enterprise.myDemands.new')}
            </Button>
          </Space>
        }
      >
        <ListStates
          loading={loading}
          error={error}
          empty={demands.length === 0}
          emptyText={status ? t('enterprise.myDemands.emptyFiltered') : t('enterprise.myDemands.empty')}
          onRetry={() => void refetch()}
        >
          <Table
            rowKey="id"
            pagination={false}
            dataSource={demands}
            columns={[
              {
                title: t('enterprise.myDemands.demand'),
                key: 'title',
                render: (_, demand) => (
                  <Space direction="vertical" size={0}>
                    <Link to={`/workspace/demands/${demand.id}`}>{demand.title}</Link>
                    <SecondaryText>
                      {industryName(i18n.language, demand.industry)}
                      {demand.anonymous && ` · ${t('enterprise.myDemands.anonymous')}`}
                    </SecondaryText>
                  </Space>
                ),
              },
              {
                title: t('enterprise.myDemands.status'),
                dataIndex: 'status',
                render: (value: DemandStatus) => (
                  <Tag color={DEMAND_STATUS_COLOURS[value]}>{t(`enterprise.status.${value}`)}</Tag>
                ),
              },
              {
                title: t('enterprise.myDemands.matches'),
                key: 'matches',
                render: (_, demand) =>
                  demand.status === 'DRAFT' ? (
                    <SecondaryText>{t('enterprise.myDemands.notPublished')}</SecondaryText>
                  ) : (
                    <Link
                      to={`/workspace/demands/${demand.id}`}
                      aria-label={t('enterprise.myDemands.matchesOf', {
                        title: demand.title,
                        count: demand.matchCount ?? 0,
                        unseen: demand.newMatchCount ?? 0,
                      })}
                    >
                      <Space>
                        {t('enterprise.myDemands.matchCount', { count: demand.matchCount ?? 0 })}
                        {(demand.newMatchCount ?? 0) > 0 && (
                          <Badge
                            count={t('enterprise.myDemands.unseen', { count: demand.newMatchCount ?? 0 })}
                            color="#b3261e"
                          />
                        )}
                      </Space>
                    </Link>
                  ),
              },
              {
                title: t('enterprise.form.deadline'),
                dataIndex: 'deadline',
                render: (value: string | null) => formatDate(value, i18n.language) || '—',
              },
              {
                title: t('enterprise.myDemands.updated'),
                dataIndex: 'updatedAt',
                render: (value: string) => formatDate(value, i18n.language),
              },
              {
                title: t('enterprise.myDemands.actions'),
                key: 'actions',
                render: (_, demand) => (
                  <Space size={4}>
                    {['DRAFT', 'OPEN', 'EXPIRED'].includes(demand.status) && (
                      <Link
                        to={`/workspace/demands/${demand.id}/edit`}
                        aria-label={t('enterprise.myDemands.editOf', { title: demand.title })}
                      >
                        {t('enterprise.myDemands.edit')}
                      </Link>
                    )}
                    {demand.status === 'DRAFT' && (
                      <DeleteDemandButton demand={demand} onDeleted={() => void refetch()} />
                    )}
                  </Space>
                ),
              },
            ]}
          />
          {data?.demands.pageInfo.hasNextPage && (
            <Paragraph secondary style={{ marginTop: 12 }}>
              {t('enterprise.myDemands.more')}
            </Paragraph>
          )}
        </ListStates>
      </Card>
    </div>
  );
}
