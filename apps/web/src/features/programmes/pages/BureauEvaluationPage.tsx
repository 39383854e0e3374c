import { useState } from 'react';
import { Alert, Button, Card, message, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { downloadFile } from '../../../shared/lib/files';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { EmptyState, ErrorState, ListStates, PageLoading } from '../../../shared/ui/states';
import { BureauNav } from '../../bureau/components/BureauNav';
import { ExportButton } from '../components/ExportButton';
import { RdInstitutionPartners } from '../components/RdInstitutionPartners';
import { ReasonDialog } from '../components/ReasonDialog';
import { SchemeTab } from '../components/SchemeTab';
import { mayVerify, resultActions, TIER_COLOURS, verificationProgress } from '../logic';
import {
  ComputeEvaluationResultsMutation,
  EvaluationReportsQuery,
  EvaluationResultsCsvQuery,
  EvaluationResultsPdfQuery,
  EvaluationResultsQuery,
  EvaluationSchemesQuery,
  PublishEvaluationResultsMutation,
  ReturnEvaluationReportMutation,
  VerifyEvaluationIndicatorMutation,
  type EvaluationReportPartsFragment,
  type EvaluationSchemePartsFragment,
} from '../operations';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';

const failed = (failure: unknown) => void message.error(describeApiError(failure).message);

function ReportCard({ report, labels }: { report: EvaluationReportPartsFragment; labels: Map<string, string> }) {
  const { t } = useTranslation();
  const [verify, verifying] = useMutation(VerifyEvaluationIndicatorMutation);
  const [giveBack, returning] = useMutation(ReturnEvaluationReportMutation);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [returningOpen, setReturningOpen] = useState(false);
  const progress = verificationProgress(report.values);
  const editable = mayVerify(report.status);
  const name = report.institution?.name ?? report.institutionId;
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={<h3 style={{ fontSize: 16, margin: 0 }}>{name}</h3>}
      extra={<Tag>{t(`programmes.evaluation.reportStatus.${report.status}`)}</Tag>}
    >
      <Typography.Paragraph className="secondary">{t('programmes.evaluation.progress', progress)}</Typography.Paragraph>
      {report.returnReason && report.status === 'RETURNED' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('programmes.report.returnReason', { reason: report.returnReason })}
        />
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={report.values}
        columns={[
          {
            title: t('programmes.evaluation.indicator'),
            key: 'label',
            render: (_, value) => labels.get(value.indicatorKey) ?? value.indicatorKey,
          },
          {
            title: t('programmes.evaluation.value'),
            key: 'value',
            align: 'right',
            render: (_, value) => value.value ?? '—',
          },
          {
            title: t('programmes.evaluation.sourceLabel'),
            key: 'source',
            render: (_, value) => t(`programmes.evaluation.source.${value.source}`),
          },
          {
            title: t('programmes.evaluation.records'),
            key: 'links',
            // Platform values link to the records counted; self-reported ones to the evidence attached.
            render: (_, value) =>
              value.attachments.length > 0 ? (
                <Space direction="vertical" size={0}>
                  {value.attachments.map((file) => (
                    <Button
                      key={file.fileId}
                      type="link"
                      size="small"
                      style={{ padding: 0 }}
                      onClick={() => void downloadFile(file.url, file.name).catch(failed)}
                    >
                      {file.name}
                    </Button>
                  ))}
                </Space>
              ) : value.links.length === 0 ? (
                '—'
              ) : (
                value.links
                  .slice(0, 3)
                  .map((link) => link.label)
                  .join('、') + (value.links.length > 3 ? ` …（${value.links.length}）` : '')
              ),
          },
          {
            title: t('programmes.evaluation.state'),
            key: 'verification',
            render: (_, value) => (
              <span>
                <Tag
                  color={
                    value.verification === 'VERIFIED'
                      ? TAG_COLOURS.mode
                      : value.verification === 'REJECTED'
                        ? TAG_COLOURS.danger
                        : value.verification === 'PENDING'
                          ? TAG_COLOURS.warning
                          : 'default'
                  }
                >
                  {t(`programmes.evaluation.verification.${value.verification}`)}
                </Tag>
                {value.verificationNote && <span className="secondary">{value.verificationNote}</span>}
              </span>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, value) =>
              editable && value.source === 'SELF_REPORTED' ? (
                <Space>
                  {value.verification !== 'VERIFIED' && (
                    <Button
                      size="small"
                      type="primary"
                      aria-label={`${t('programmes.evaluation.verify')}: ${name} ${labels.get(value.indicatorKey) ?? value.indicatorKey}`}
                      onClick={() =>
                        void verify({
                          variables: {
                            input: { reportId: report.id, indicatorKey: value.indicatorKey, accepted: true },
                          },
                        }).then(() => void message.success(t('programmes.evaluation.verified')), failed)
                      }
                    >
                      {t('programmes.evaluation.verify')}
                    </Button>
                  )}
                  {value.verification !== 'REJECTED' && (
                    <Button
                      size="small"
                      danger
                      aria-label={`${t('programmes.evaluation.reject')}: ${name} ${labels.get(value.indicatorKey) ?? value.indicatorKey}`}
                      onClick={() => setRejecting(value.indicatorKey)}
                    >
                      {t('programmes.evaluation.reject')}
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      {editable && (
        <Button style={{ marginTop: 12 }} onClick={() => setReturningOpen(true)}>
          {t('programmes.evaluation.returnReport')}
        </Button>
      )}
      <ReasonDialog
        open={rejecting !== null}
        title={t('programmes.evaluation.rejectTitle', { label: labels.get(rejecting ?? '') ?? rejecting })}
        okText={t('programmes.evaluation.reject')}
        label={t('programmes.evaluation.note')}
        loading={verifying.loading}
        onCancel={() => setRejecting(null)}
        onOk={(note) =>
          void verify({
            variables: { input: { reportId: report.id, indicatorKey: rejecting!, accepted: false, note } },
          }).then(() => {
            setRejecting(null);
            void message.success(t('programmes.evaluation.rejected'));
          }, failed)
        }
      />
      <ReasonDialog
        open={returningOpen}
        title={t('programmes.evaluation.returnTitle', { name })}
        okText={t('programmes.evaluation.returnReport')}
        loading={returning.loading}
        onCancel={() => setReturningOpen(false)}
        onOk={(reason) =>
          void giveBack({ variables: { reportId: report.id, reason } }).then(() => {
            setReturningOpen(false);
            void message.success(t('programmes.evaluation.returned'));
          }, failed)
        }
      />
    </Card>
  );
}

function ReportsTab({ scheme }: { scheme: EvaluationSchemePartsFragment }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(EvaluationReportsQuery, {
    variables: { year: scheme.year },
    fetchPolicy: 'cache-and-network',
  });
  const labels = new Map(scheme.indicators.map((indicator) => [indicator.key, indicator.label]));
  // Reports waiting for verification first.
  const reports = [...(data?.evaluationReports ?? [])].sort(
    (a, b) => Number(b.status === 'SUBMITTED') - Number(a.status === 'SUBMITTED'),
  );
  return (
    <ListStates
      loading={loading && !data}
      error={error}
      empty={reports.length === 0}
      emptyText={t('programmes.evaluation.noReports')}
      onRetry={() => void refetch()}
    >
      {reports.map((report) => (
        <ReportCard key={report.id} report={report} labels={labels} />
      ))}
    </ListStates>
  );
}

function ResultsTab({ scheme }: { scheme: EvaluationSchemePartsFragment }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(EvaluationResultsQuery, {
    variables: { year: scheme.year },
    fetchPolicy: 'cache-and-network',
  });
  // Computing stamps the scheme (resultsComputedAt), which enables publishing: refetch it too.
  const [compute, computing] = useMutation(ComputeEvaluationResultsMutation, { refetchQueries: ['EvaluationSchemes'] });
  const [publish, publishing] = useMutation(PublishEvaluationResultsMutation);
  const actions = resultActions(scheme.status, scheme.resultsComputedAt);
  const labels = new Map(scheme.indicators.map((indicator) => [indicator.key, indicator.label]));
  const results = data?.evaluationResults ?? [];
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        {actions.compute && (
          <Button
            loading={computing.loading}
            onClick={() =>
              void compute({ variables: { year: scheme.year } }).then(async (result) => {
                void message.success(
                  t('programmes.evaluation.computed', { count: result.data?.computeEvaluationResults.length ?? 0 }),
                );
                await refetch();
              }, failed)
            }
          >
            {t('programmes.evaluation.compute')}
          </Button>
        )}
        {actions.publish && (
          <Button
            type="primary"
            loading={publishing.loading}
            onClick={() =>
              Modal.confirm({
                title: t('programmes.evaluation.publish'),
                content: t('programmes.evaluation.publishConfirm'),
                okText: t('programmes.evaluation.publish'),
                cancelText: t('common.cancel'),
                onOk: () =>
                  publish({ variables: { year: scheme.year } }).then(
                    () => void message.success(t('programmes.evaluation.published')),
                    failed,
                  ),
              })
            }
          >
            {t('programmes.evaluation.publish')}
          </Button>
        )}
        <Tag color={scheme.publishedAt ? TAG_COLOURS.mode : 'default'}>
          {scheme.publishedAt
            ? t('programmes.evaluation.publishedAt', { date: formatDate(scheme.publishedAt, i18n.language) })
            : t('programmes.evaluation.unpublished')}
        </Tag>
        {results.length > 0 && (
          <>
            <ExportButton
              load={async (client) =>
                (
                  await client.query({
                    query: EvaluationResultsCsvQuery,
                    variables: { year: scheme.year },
                    fetchPolicy: 'no-cache',
                  })
                ).data?.evaluationResultsCsv
              }
            >
              {t('programmes.evaluation.csv')}
            </ExportButton>
            <ExportButton
              load={async (client) =>
                (
                  await client.query({
                    query: EvaluationResultsPdfQuery,
                    variables: { year: scheme.year },
                    fetchPolicy: 'no-cache',
                  })
                ).data?.evaluationResultsPdf
              }
            >
              {t('programmes.evaluation.pdf')}
            </ExportButton>
          </>
        )}
      </Space>
      <ListStates
        loading={loading && !data}
        error={error}
        empty={results.length === 0}
        emptyText={t('programmes.evaluation.noResults')}
        onRetry={() => void refetch()}
      >
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={results}
          expandable={{
            rowExpandable: (row) => (row.indicators ?? []).length > 0,
            expandedRowRender: (row) => (
              <Table
                rowKey="key"
                size="small"
                pagination={false}
                aria-label={t('programmes.evaluation.breakdown')}
                dataSource={row.indicators ?? []}
                columns={[
                  {
                    title: t('programmes.evaluation.indicator'),
                    key: 'label',
                    render: (_, s) => labels.get(s.key) ?? s.key,
                  },
                  {
                    title: t('programmes.evaluation.value'),
                    key: 'value',
                    align: 'right',
                    render: (_, s) => s.value ?? '—',
                  },
                  { title: t('programmes.evaluation.score'), dataIndex: 'score', align: 'right' },
                  { title: t('programmes.evaluation.weight'), dataIndex: 'weighted', align: 'right' },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('programmes.evaluation.rank'), dataIndex: 'rank', width: 80 },
            {
              title: t('programmes.evaluation.institution'),
              key: 'institution',
              render: (_, row) => row.institution?.name ?? row.institutionId,
            },
            { title: t('programmes.evaluation.score'), dataIndex: 'totalScore', align: 'right' },
            {
              title: t('programmes.evaluation.tier'),
              key: 'tier',
              render: (_, row) => (
                <Tag color={TIER_COLOURS[row.tier]}>
                  {i18n.language === 'en' ? t(`programmes.evaluation.tierName.${row.tier}`) : row.tierLabel}
                </Tag>
              ),
            },
            {
              title: t('programmes.evaluation.missing'),
              key: 'missing',
              render: (_, row) => (row.missingIndicators ?? []).map((key) => labels.get(key) ?? key).join('、') || '—',
            },
          ]}
        />
      </ListStates>
    </div>
  );
}

/** 绩效评价 (bureau): a year's indicator scheme, the institutions' reports to verify, the results to publish. */
export default function BureauEvaluationPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(EvaluationSchemesQuery, {
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/bureau/evaluation" replace />;
  const schemes = data?.evaluationSchemes ?? [];
  const year = Number(params.get('year')) || schemes[0]?.year;
  const scheme = schemes.find((s) => s.year === year);
  const tab = params.get('tab') ?? 'reports';
  const set = (next: Record<string, string>) => setParams({ ...(year ? { year: String(year) } : {}), tab, ...next });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('programmes.evaluation.title')}
      </Typography.Title>
      <BureauNav />
      {loading && !data ? (
        <PageLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !scheme ? (
        <EmptyState description={t('programmes.evaluation.noScheme')} />
      ) : (
        <>
          <Space style={{ marginBottom: 8 }}>
            <span>{t('programmes.evaluation.year')}</span>
            <Select
              aria-label={t('programmes.evaluation.year')}
              value={scheme.year}
              onChange={(value) => set({ year: String(value) })}
              options={schemes.map((s) => ({ value: s.year, label: String(s.year) }))}
            />
            <Tag>{t(`programmes.evaluation.schemeStatus.${scheme.status}`)}</Tag>
          </Space>
          <Tabs
            activeKey={tab}
            onChange={(key) => set({ tab: key })}
            items={[
              { key: 'scheme', label: t('programmes.evaluation.tabs.scheme'), children: <SchemeTab scheme={scheme} /> },
              {
                key: 'reports',
                label: t('programmes.evaluation.tabs.reports'),
                children: <ReportsTab scheme={scheme} />,
              },
              {
                key: 'results',
                label: t('programmes.evaluation.tabs.results'),
                children: <ResultsTab scheme={scheme} />,
              },
              {
                key: 'institutions',
                label: t('programmes.evaluation.tabs.institutions'),
                children: <RdInstitutionPartners />,
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
