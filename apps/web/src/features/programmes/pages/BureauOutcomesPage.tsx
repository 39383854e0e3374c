import { useState } from 'react';
import { Card, Col, DatePicker, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate } from '../../../shared/lib/format';
import { ErrorState, ListStates, PageLoading } from '../../../shared/ui/states';
import { BureauNav } from '../../bureau/components/BureauNav';
import { formatWan } from '../logic';
import { OutcomeFollowUpsQuery, ProgrammeOutcomesQuery } from '../operations';

/** 成效跟踪 (bureau): what registered contracts led to, by industry, and the latest answers. */
export default function BureauOutcomesPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const variables = {
    range:
      range && (range[0] || range[1])
        ? {
            from: range[0] ? range[0].startOf('day').toISOString() : null,
            to: range[1] ? range[1].add(1, 'day').startOf('day').toISOString() : null,
          }
        : null,
  };
  const { data, loading, error, refetch } = useQuery(ProgrammeOutcomesQuery, {
    variables,
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  const answers = useQuery(OutcomeFollowUpsQuery, {
    variables: { first: 20, status: 'ANSWERED' },
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/bureau/outcomes" replace />;
  const view = data?.analyticsOutcomes;
  const rows = answers.data?.outcomeFollowUps.nodes ?? [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('programmes.outcomes.title')}
      </Typography.Title>
      <BureauNav />
      <Typography.Paragraph className="secondary">{t('programmes.outcomes.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('programmes.outcomes.range')}</span>
        <DatePicker.RangePicker
          aria-label={t('programmes.outcomes.range')}
          allowEmpty={[true, true]}
          value={range}
          onChange={(value) => setRange(value)}
        />
      </Space>
      {loading && !data ? (
        <PageLoading />
      ) : error || !view ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {(
              [
                ['registered', view.registeredContracts],
                ['answered', view.answered],
                ['ledToProduct', view.ledToProduct],
                [
                  'productRate',
                  view.productRate === null || view.productRate === undefined
                    ? '—'
                    : `${Math.round(view.productRate * 1000) / 10}%`,
                ],
                ['companies', view.companiesFounded],
                ['jobs', view.jobsCreated],
                ['revenue', formatWan(view.attributedRevenueWan)],
                ['investment', formatWan(view.followOnInvestmentWan)],
              ] as const
            ).map(([key, value]) => (
              <Col key={key} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`programmes.outcomes.${key}`)} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t('programmes.outcomes.industry')} style={{ marginTop: 16 }} size="small">
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={view.byIndustry}
              locale={{ emptyText: t('programmes.outcomes.empty') }}
              columns={[
                { title: t('programmes.outcomes.industry'), dataIndex: 'label' },
                { title: t('programmes.outcomes.registered'), dataIndex: 'registeredContracts', align: 'right' },
                { title: t('programmes.outcomes.answered'), dataIndex: 'answered', align: 'right' },
                { title: t('programmes.outcomes.ledToProduct'), dataIndex: 'ledToProduct', align: 'right' },
                { title: t('programmes.outcomes.companies'), dataIndex: 'companiesFounded', align: 'right' },
                { title: t('programmes.outcomes.jobs'), dataIndex: 'jobsCreated', align: 'right' },
                {
                  title: t('programmes.outcomes.revenue'),
                  key: 'revenue',
                  align: 'right',
                  render: (_, row) => formatWan(row.attributedRevenueWan),
                },
              ]}
            />
          </Card>
        </>
      )}
      <Card title={t('programmes.outcomes.answers')} style={{ marginTop: 16 }} size="small">
        <ListStates
          loading={answers.loading && !answers.data}
          error={answers.error}
          empty={rows.length === 0}
          emptyText={t('programmes.outcomes.noAnswers')}
          onRetry={() => void answers.refetch()}
        >
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: t('programmes.rewards.enterprise'),
                key: 'enterprise',
                render: (_, row) => row.enterprise?.name ?? '—',
              },
              {
                title: t('programmes.followUp.institution'),
                key: 'institution',
                render: (_, row) => row.institution?.name ?? '—',
              },
              {
                title: '',
                key: 'months',
                render: (_, row) => <Tag>{t('programmes.followUp.months', { months: row.monthsAfter })}</Tag>,
              },
              {
                title: t('programmes.outcomes.ledToProduct'),
                key: 'product',
                render: (_, row) => (row.productLaunched ? t('programmes.followUp.yes') : t('programmes.followUp.no')),
              },
              {
                title: t('programmes.outcomes.revenue'),
                key: 'revenue',
                align: 'right',
                render: (_, row) => formatWan(row.revenueWan),
              },
              {
                title: t('programmes.outcomes.jobs'),
                key: 'jobs',
                align: 'right',
                render: (_, row) => row.jobsCreated ?? '—',
              },
              {
                title: t('programmes.outcomes.companies'),
                key: 'company',
                render: (_, row) => (row.companyFounded ? (row.companyName ?? t('programmes.followUp.yes')) : '—'),
              },
              { title: '', key: 'at', render: (_, row) => formatDate(row.answeredAt, i18n.language) },
            ]}
          />
        </ListStates>
      </Card>
    </div>
  );
}
