import { useState } from 'react';
import { Card, Select, Table, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import type { IntroductionStatus } from '../../../gql/graphql';
import { formatDate } from '../../../shared/lib/format';
import { ListStates } from '../../../shared/ui/states';
import { MyIntroductionsQuery } from '../operations';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { INTRODUCTION_STATUS_COLOURS } from '../status';

const STATUSES: IntroductionStatus[] = ['PROPOSED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'];

/** 引荐: the introductions a broker proposed to my enterprise, what waits on us, and where details are revealed. */
export default function IntroductionsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [status, setStatus] = useState<IntroductionStatus | undefined>();
  const { data, loading, error, refetch } = useQuery(MyIntroductionsQuery, {
    variables: { status },
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/my-introductions" replace />;
  const rows = data?.introductionsList.nodes ?? [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('enterprise.introductions.title')}
      </Typography.Title>
      <Card
        title={data ? t('enterprise.introductions.total', { count: data.introductionsList.totalCount }) : undefined}
        extra={
          <Select
            allowClear
            aria-label={t('enterprise.introductions.statusFilter')}
            placeholder={t('enterprise.introductions.statusFilter')}
            style={{ minWidth: 140 }}
            value={status}
            onChange={(value?: IntroductionStatus) => setStatus(value)}
            options={STATUSES.map((value) => ({ value, label: t(`enterprise.introductionStatus.${value}`) }))}
          />
        }
      >
        <ListStates
          loading={loading}
          error={error}
          empty={rows.length === 0}
          emptyText={t('enterprise.introductions.empty')}
          onRetry={() => void refetch()}
        >
          <Table
            rowKey="id"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: t('enterprise.introductions.pair'),
                key: 'pair',
                render: (_, row) => (
                  <Link to={`/workspace/my-introductions/${row.id}`}>
                    {(row.demand?.title ?? t('enterprise.inbox.hidden')) +
                      ' ↔ ' +
                      (row.achievement?.title ?? row.expert?.name ?? t('enterprise.inbox.hidden'))}
                  </Link>
                ),
              },
              {
                title: t('enterprise.introductions.counterpart'),
                key: 'counterpart',
                render: (_, row) => row.targetOrganisation?.name ?? '—',
              },
              {
                title: t('enterprise.introductions.broker'),
                key: 'broker',
                render: (_, row) => row.agency?.name ?? '—',
              },
              {
                title: t('enterprise.introductions.status'),
                key: 'status',
                render: (_, row) => (
                  <>
                    <Tag color={INTRODUCTION_STATUS_COLOURS[row.status]}>
                      {t(`enterprise.introductionStatus.${row.status}`)}
                    </Tag>
                    {row.status === 'PROPOSED' && !row.demandAnswer && (
                      <Tag color={TAG_COLOURS.warning}>{t('enterprise.introductions.waitingOnUs')}</Tag>
                    )}
                    {row.revealedAt && <Tag color={TAG_COLOURS.mode}>{t('enterprise.introductions.revealed')}</Tag>}
                  </>
                ),
              },
              {
                title: t('enterprise.introductions.created'),
                dataIndex: 'createdAt',
                render: (value: string) => formatDate(value, i18n.language),
              },
            ]}
          />
        </ListStates>
      </Card>
    </div>
  );
}
