import { useState } from 'react';
import { Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate } from '../../../shared/lib/format';
import { EmptyState, ErrorState, PageLoading } from '../../../shared/ui/states';
import { MeQuery } from '../../account/operations';
import { ExportButton } from '../components/ExportButton';
import { annualReportInstitution, formatWan } from '../logic';
import {
  InstitutionAnnualReportCsvQuery,
  InstitutionAnnualReportPdfQuery,
  InstitutionAnnualReportQuery,
} from '../operations';

/** 科技成果转化年度报告 (the institution's TTO): a year's figures from the platform, CSV and PDF. */
export default function AnnualReportPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const me = useQuery(MeQuery, { skip: !session });
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const institution = annualReportInstitution(me.data?.me.memberships ?? []);
  const { data, loading, error, refetch } = useQuery(InstitutionAnnualReportQuery, {
    variables: { institutionId: institution?.id ?? '', year },
    skip: !session || !institution,
    fetchPolicy: 'cache-and-network',
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/annual-report" replace />;
  const title = (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('programmes.annual.title')}
      </Typography.Title>
      <Typography.Paragraph className="secondary">{t('programmes.annual.intro')}</Typography.Paragraph>
    </>
  );
  if (me.loading && !me.data) return <PageLoading />;
  if (!institution)
    return (
      <div>
        {title}
        <EmptyState description={t('programmes.annual.noInstitution')} />
      </div>
    );
  const report = data?.institutionAnnualReport;
  const variables = { institutionId: institution.id, year };
  const figures = report
    ? ([
        ['registeredContracts', report.registeredContracts],
        ['contractValue', formatWan(report.contractValueWan)],
        ['technicalIncome', formatWan(report.technicalIncomeWan)],
        ['rightsConfirmations', `${report.rightsConfirmations}（${report.institutionOwnedConfirmations}）`],
        ['listings', report.listings],
        ['rewardApplications', report.rewardApplications],
        ['rewardsApproved', formatWan(report.rewardsApprovedWan)],
        ['rewardsPaid', formatWan(report.rewardsPaidWan)],
        ['followUpsAnswered', report.followUpsAnswered],
        ['productsLaunched', report.productsLaunched],
        ['attributedRevenue', formatWan(report.attributedRevenueWan)],
      ] as const)
    : [];
  return (
    <div>
      {title}
      <Space wrap style={{ marginBottom: 16 }}>
        <strong>{institution.name}</strong>
        <Select
          aria-label={t('programmes.annual.year')}
          value={year}
          onChange={setYear}
          options={[0, 1, 2, 3].map((back) => ({ value: thisYear - back, label: String(thisYear - back) }))}
        />
        <ExportButton
          load={async (client) =>
            (await client.query({ query: InstitutionAnnualReportCsvQuery, variables, fetchPolicy: 'no-cache' })).data
              ?.institutionAnnualReportCsv
          }
        >
          {t('programmes.annual.csv')}
        </ExportButton>
        <ExportButton
          load={async (client) =>
            (await client.query({ query: InstitutionAnnualReportPdfQuery, variables, fetchPolicy: 'no-cache' })).data
              ?.institutionAnnualReportPdf
          }
        >
          {t('programmes.annual.pdf')}
        </ExportButton>
      </Space>
      {loading && !data ? (
        <PageLoading />
      ) : error || !report ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {figures.map(([key, value]) => (
              <Col key={key} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`programmes.annual.${key}`)} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t('programmes.annual.contracts')} size="small" style={{ marginTop: 16 }}>
            <Table
              rowKey="dealId"
              size="small"
              pagination={false}
              dataSource={report.contracts}
              columns={[
                { title: t('programmes.rewards.registrationNumber'), dataIndex: 'registrationNumber' },
                {
                  title: t('programmes.rewards.registeredAt'),
                  key: 'at',
                  render: (_, row) => formatDate(row.registeredAt, i18n.language),
                },
                {
                  title: t('programmes.rewards.achievement'),
                  key: 'title',
                  render: (_, row) => row.achievementTitle ?? '—',
                },
                { title: t('programmes.rewards.enterprise'), dataIndex: 'enterpriseName' },
                {
                  title: t('programmes.application.contractType'),
                  key: 'type',
                  render: (_, row) =>
                    row.contractType
                      ? t(`broker.contractTypes.${row.contractType}`, { defaultValue: row.contractType })
                      : '—',
                },
                {
                  title: t('programmes.annual.contractValue'),
                  key: 'value',
                  align: 'right',
                  render: (_, row) => formatWan(row.contractValueWan),
                },
                {
                  title: t('programmes.annual.technicalIncome'),
                  key: 'income',
                  align: 'right',
                  render: (_, row) => formatWan(row.technicalIncomeWan),
                },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
