import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate } from '../../../shared/lib/format';
import { ListStates } from '../../../shared/ui/states';
import { OutcomeFollowUpsQuery } from '../operations';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';

/** The enterprise's outcome follow-ups: the asked ones first to answer, then the others. */
export default function MyFollowUpsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(OutcomeFollowUpsQuery, {
    variables: { first: 100 },
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/follow-ups" replace />;
  const order = { ASKED: 0, ANSWERED: 1, SCHEDULED: 2, LAPSED: 3 } as const;
  const rows = [...(data?.outcomeFollowUps.nodes ?? [])]
    .filter((row) => row.status !== 'SCHEDULED')
    .sort((a, b) => order[a.status] - order[b.status] || a.dueAt.localeCompare(b.dueAt));
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('programmes.followUp.listTitle')}
      </Typography.Title>
      <Typography.Paragraph className="secondary">{t('programmes.followUp.listIntro')}</Typography.Paragraph>
      <ListStates
        loading={loading && !data}
        error={error}
        empty={rows.length === 0}
        emptyText={t('programmes.followUp.empty')}
        onRetry={() => void refetch()}
      >
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: t('programmes.followUp.listTitle'),
              key: 'title',
              render: (_, row) => (
                <Link to={`/follow-ups/${row.id}`}>{t('programmes.followUp.title', { months: row.monthsAfter })}</Link>
              ),
            },
            {
              title: t('programmes.followUp.institution'),
              key: 'institution',
              render: (_, row) => row.institution?.name ?? '—',
            },
            {
              title: t('programmes.followUp.registeredAt'),
              key: 'registeredAt',
              render: (_, row) => formatDate(row.registeredAt, i18n.language),
            },
            {
              title: t('programmes.followUp.dueAt'),
              key: 'dueAt',
              render: (_, row) => formatDate(row.dueAt, i18n.language),
            },
            {
              title: t('programmes.rewards.status'),
              key: 'status',
              render: (_, row) => (
                <Tag
                  color={
                    row.status === 'ASKED'
                      ? TAG_COLOURS.warning
                      : row.status === 'ANSWERED'
                        ? TAG_COLOURS.mode
                        : 'default'
                  }
                >
                  {t(`programmes.followUp.status.${row.status}`)}
                </Tag>
              ),
            },
          ]}
        />
      </ListStates>
    </div>
  );
}
