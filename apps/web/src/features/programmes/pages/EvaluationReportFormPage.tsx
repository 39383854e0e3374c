import { useState } from 'react';
import { Alert, Button, Card, InputNumber, message, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { downloadFile, uploadFile } from '../../../shared/lib/files';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { EmptyState, ErrorState, PageLoading } from '../../../shared/ui/states';
import { RemoveFileButton } from '../components/RemoveFileButton';
import { mayEditReport } from '../logic';
import {
  EvaluationReportsQuery,
  EvaluationSchemesQuery,
  RdInstitutionsQuery,
  RefreshEvaluationPlatformValuesMutation,
  SaveEvaluationValuesMutation,
  StartEvaluationReportMutation,
  SubmitEvaluationReportMutation,
  type EvaluationReportPartsFragment,
  type EvaluationSchemePartsFragment,
} from '../operations';

const failed = (failure: unknown) => void message.error(describeApiError(failure).message);

function ReportForm({
  report,
  scheme,
}: {
  report: EvaluationReportPartsFragment;
  scheme: EvaluationSchemePartsFragment;
}) {
  const { t } = useTranslation();
  const [save, saving] = useMutation(SaveEvaluationValuesMutation);
  const [submit, submitting] = useMutation(SubmitEvaluationReportMutation);
  const [refresh, refreshing] = useMutation(RefreshEvaluationPlatformValuesMutation);
  const editable = mayEditReport(report.status);
  const byKey = new Map(report.values.map((value) => [value.indicatorKey, value]));
  const [draft, setDraft] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(
      report.values.filter((v) => v.source === 'SELF_REPORTED').map((v) => [v.indicatorKey, v.value ?? null]),
    ),
  );
  const [files, setFiles] = useState<Record<string, string[]>>({});
  const [uploading, setUploading] = useState<string | null>(null);
  const values = () =>
    Object.entries(draft).map(([indicatorKey, value]) => ({
      indicatorKey,
      value,
      ...(files[indicatorKey]?.length ? { fileIds: files[indicatorKey] } : {}),
    }));
  const saveAll = () =>
    save({ variables: { input: { reportId: report.id, values: values() } } }).then(() => setFiles({}));
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{scheme.title}</h2>}
      extra={<Tag>{t(`programmes.evaluation.reportStatus.${report.status}`)}</Tag>}
    >
      {report.status === 'RETURNED' && report.returnReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('programmes.report.returnReason', { reason: report.returnReason })}
        />
      )}
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('programmes.report.locked')} />}
      <Table
        rowKey="key"
        size="middle"
        pagination={false}
        dataSource={scheme.indicators}
        columns={[
          { title: t('programmes.evaluation.indicator'), dataIndex: 'label' },
          { title: t('programmes.evaluation.weight'), dataIndex: 'weight', align: 'right', width: 80 },
          {
            title: t('programmes.evaluation.sourceLabel'),
            key: 'source',
            render: (_, indicator) => t(`programmes.evaluation.source.${indicator.source}`),
          },
          {
            title: t('programmes.evaluation.value'),
            key: 'value',
            render: (_, indicator) => {
              const value = byKey.get(indicator.key);
              if (indicator.source === 'PLATFORM')
                return (
                  <span>
                    <strong>{value?.value ?? '—'}</strong>
                    {value && value.links.length > 0 && (
                      <div className="secondary" style={{ fontSize: 12 }}>
                        {value.links
                          .slice(0, 3)
                          .map((link) => link.label)
                          .join('、')}
                        {value.links.length > 3 ? ` …（${value.links.length}）` : ''}
                      </div>
                    )}
                  </span>
                );
              return (
                <InputNumber
                  aria-label={indicator.label}
                  min={0}
                  disabled={!editable}
                  value={draft[indicator.key] ?? null}
                  onChange={(next) =>
                    setDraft((old) => ({ ...old, [indicator.key]: typeof next === 'number' ? next : null }))
                  }
                />
              );
            },
          },
          {
            title: t('programmes.evaluation.state'),
            key: 'state',
            render: (_, indicator) => {
              const value = byKey.get(indicator.key);
              if (indicator.source === 'PLATFORM' || !value) return null;
              return (
                <Space direction="vertical" size={4}>
                  <Tag>{t(`programmes.evaluation.verification.${value.verification}`)}</Tag>
                  {value.verificationNote && <span className="secondary">{value.verificationNote}</span>}
                  {value.attachments.map((file) => (
                    <Space key={file.fileId} size={4}>
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0 }}
                        onClick={() => void downloadFile(file.url, file.name).catch(failed)}
                      >
                        {file.name}
                      </Button>
                      {editable && <RemoveFileButton owner={{ kind: 'evaluation', reportId: report.id }} file={file} />}
                    </Space>
                  ))}
                  {editable && (
                    <Upload
                      showUploadList={false}
                      beforeUpload={(file) => {
                        setUploading(indicator.key);
                        void uploadFile(file, file.name)
                          .then((uploaded) =>
                            setFiles((old) => ({
                              ...old,
                              [indicator.key]: [...(old[indicator.key] ?? []), uploaded.id],
                            })),
                          )
                          .catch(failed)
                          .finally(() => setUploading(null));
                        return false;
                      }}
                    >
                      <Button size="small" icon={<UploadOutlined />} loading={uploading === indicator.key}>
                        {t('programmes.report.attach')}
                      </Button>
                    </Upload>
                  )}
                  {files[indicator.key]?.length ? (
                    <span className="secondary">
                      {t('programmes.report.attached', { count: files[indicator.key].length })}
                    </span>
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
      {editable && (
        <Space style={{ marginTop: 16 }}>
          <Button
            loading={refreshing.loading}
            onClick={() =>
              void refresh({ variables: { reportId: report.id } }).then(
                () => void message.success(t('programmes.report.refreshed')),
                failed,
              )
            }
          >
            {t('programmes.report.refresh')}
          </Button>
          <Button
            loading={saving.loading}
            onClick={() => void saveAll().then(() => void message.success(t('programmes.report.saved')), failed)}
          >
            {t('programmes.report.save')}
          </Button>
          <Button
            type="primary"
            loading={submitting.loading}
            onClick={() =>
              void saveAll()
                .then(() => submit({ variables: { reportId: report.id } }))
                .then(() => void message.success(t('programmes.report.submitted')), failed)
            }
          >
            {t('programmes.report.submit')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** 年度绩效报告 (a new R&D institution's TTO): the year's report, platform indicators filled in, the rest self-reported. */
export default function EvaluationReportFormPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const institutions = useQuery(RdInstitutionsQuery, { skip: !session });
  const schemes = useQuery(EvaluationSchemesQuery, { skip: !session });
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const open = (schemes.data?.evaluationSchemes ?? []).filter((s) => s.status !== 'DRAFT');
  const scheme = open.find((s) => s.year === chosenYear) ?? open[0];
  const reports = useQuery(EvaluationReportsQuery, {
    variables: { year: scheme?.year ?? 0 },
    skip: !session || !scheme,
    fetchPolicy: 'cache-and-network',
  });
  const [start, starting] = useMutation(StartEvaluationReportMutation);
  if (!session) return <Navigate to="/sign-in?next=/workspace/evaluation-report" replace />;
  const title = (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('programmes.report.title')}
      </Typography.Title>
      <Typography.Paragraph className="secondary">{t('programmes.report.intro')}</Typography.Paragraph>
    </>
  );
  if ((institutions.loading && !institutions.data) || (schemes.loading && !schemes.data)) return <PageLoading />;
  if (institutions.error || schemes.error)
    return <ErrorState error={institutions.error ?? schemes.error} onRetry={() => void institutions.refetch()} />;
  const institution = institutions.data?.rdInstitutions[0];
  if (!institution)
    return (
      <div>
        {title}
        <EmptyState description={t('programmes.report.noInstitution')} />
      </div>
    );
  const report = reports.data?.evaluationReports.find((r) => r.institutionId === institution.id);
  return (
    <div>
      {title}
      <Space style={{ marginBottom: 16 }}>
        <strong>{institution.name}</strong>
        {open.length > 0 && (
          <Select
            aria-label={t('programmes.evaluation.year')}
            value={scheme?.year}
            onChange={setChosenYear}
            options={open.map((s) => ({ value: s.year, label: String(s.year) }))}
          />
        )}
      </Space>
      {!scheme ? (
        <EmptyState description={t('programmes.report.noOpenScheme', { year: new Date().getFullYear() - 1 })} />
      ) : reports.loading && !reports.data ? (
        <PageLoading />
      ) : report ? (
        <ReportForm key={report.id} report={report} scheme={scheme} />
      ) : scheme.status === 'OPEN' ? (
        <Button
          type="primary"
          loading={starting.loading}
          onClick={() =>
            void start({ variables: { institutionId: institution.id, year: scheme.year } }).then(
              () => reports.refetch(),
              failed,
            )
          }
        >
          {t('programmes.report.start', { year: scheme.year })}
        </Button>
      ) : (
        <EmptyState description={t('programmes.report.noOpenScheme', { year: scheme.year })} />
      )}
    </div>
  );
}
