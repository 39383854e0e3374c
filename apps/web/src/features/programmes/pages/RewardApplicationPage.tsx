import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  message,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { downloadFile, uploadFile } from '../../../shared/lib/files';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { ReasonDialog } from '../components/ReasonDialog';
import { RemoveFileButton } from '../components/RemoveFileButton';
import { useActiveRole } from '../hooks';
import { formatWan, missingEvidence, readPrefill, REWARD_STATUS_COLOURS, rewardActions, whenValid } from '../logic';
import {
  ApproveRewardApplicationMutation,
  RecordRewardPaymentMutation,
  RewardApplicationQuery,
  ReturnRewardApplicationMutation,
  SubmitRewardApplicationMutation,
  UpdateRewardApplicationMutation,
  type RewardApplicationDetailFragment,
} from '../operations';

const failed = (failure: unknown) => void message.error(describeApiError(failure).message);

/** The applicant's side: evidence (uploaded, labelled by the rules' list), a note, submit. */
function ApplicantPanel({ application }: { application: RewardApplicationDetailFragment }) {
  const { t } = useTranslation();
  const [update, updating] = useMutation(UpdateRewardApplicationMutation);
  const [submit, submitting] = useMutation(SubmitRewardApplicationMutation);
  const required = application.ruleVersion.terms.requiredEvidence;
  const missing = missingEvidence(required, application.evidence);
  const [label, setLabel] = useState<string>(missing[0] ?? required[0] ?? '');
  const [note, setNote] = useState(application.applicantNote ?? '');
  const [uploading, setUploading] = useState(false);
  const current = application.evidence.map((item) => ({ fileId: item.fileId, label: item.label }));
  const save = (evidence = current, applicantNote = note) =>
    update({ variables: { input: { applicationId: application.id, evidence, applicantNote } } });
  return (
    <Card title={t('programmes.application.addEvidence')} style={{ marginTop: 16 }}>
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('programmes.application.missing', { items: missing.join('、') })}
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('programmes.application.allEvidence')} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('programmes.application.evidenceLabel')}
          style={{ minWidth: 200 }}
          value={label}
          onChange={setLabel}
          options={required.map((item) => ({ value: item, label: item }))}
        />
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            setUploading(true);
            void uploadFile(file, file.name)
              .then((uploaded) => save([...current, { fileId: uploaded.id, label: label || file.name }]))
              .then(() => {
                const rest = missingEvidence(required, [...current, { label }]);
                if (rest[0]) setLabel(rest[0]);
              }, failed)
              .finally(() => setUploading(false));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading}>
            {t('programmes.application.upload')}
          </Button>
        </Upload>
      </Space>
      <Form layout="vertical">
        <Form.Item label={t('programmes.application.applicantNote')} htmlFor="reward-note">
          <Input.TextArea
            id="reward-note"
            rows={3}
            maxLength={4000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
      </Form>
      <Space>
        <Button
          loading={updating.loading}
          onClick={() => void save().then(() => void message.success(t('programmes.saved')), failed)}
        >
          {t('programmes.application.saveDraft')}
        </Button>
        <Button
          type="primary"
          loading={submitting.loading}
          disabled={missing.length > 0}
          onClick={() =>
            void save()
              .then(() => submit({ variables: { id: application.id } }))
              .then(() => void message.success(t('programmes.application.submitted')), failed)
          }
        >
          {t('programmes.application.submit')}
        </Button>
      </Space>
    </Card>
  );
}

/** The bureau's side: approve with an amount, return with a reason, record the payment. */
function BureauPanel({ application }: { application: RewardApplicationDetailFragment }) {
  const { t } = useTranslation();
  const actions = rewardActions(application.status, 'bureau');
  const [approve, approving] = useMutation(ApproveRewardApplicationMutation);
  const [giveBack, returning] = useMutation(ReturnRewardApplicationMutation);
  const [pay, paying] = useMutation(RecordRewardPaymentMutation);
  const [dialog, setDialog] = useState<'approve' | 'return' | 'pay' | null>(null);
  const [approveForm] = Form.useForm<{ amountWan: number; comment?: string }>();
  const [payForm] = Form.useForm<{ paidAmountWan: number; paidAt: Dayjs; reference?: string }>();
  if (actions.length === 0) return null;
  return (
    <Card style={{ marginTop: 16 }}>
      <Space>
        {actions.includes('approve') && (
          <Button type="primary" onClick={() => setDialog('approve')}>
            {t('programmes.application.approve')}
          </Button>
        )}
        {actions.includes('return') && (
          <Button danger onClick={() => setDialog('return')}>
            {t('programmes.application.return')}
          </Button>
        )}
        {actions.includes('pay') && (
          <Button type="primary" onClick={() => setDialog('pay')}>
            {t('programmes.application.pay')}
          </Button>
        )}
      </Space>
      <Modal
        open={dialog === 'approve'}
        title={t('programmes.application.approveTitle')}
        okText={t('programmes.application.approve')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: approving.loading }}
        onCancel={() => setDialog(null)}
        destroyOnHidden
        onOk={() =>
          whenValid(approveForm, (values) =>
            approve({
              variables: { id: application.id, amountWan: values.amountWan, comment: values.comment?.trim() || null },
            }).then(() => {
              setDialog(null);
              void message.success(t('programmes.application.approvedMessage'));
            }, failed),
          )
        }
      >
        <Form
          form={approveForm}
          layout="vertical"
          preserve={false}
          initialValues={{ amountWan: application.proposedAmountWan }}
        >
          <Form.Item
            name="amountWan"
            label={t('programmes.application.amount')}
            extra={t('programmes.application.proposedHint', { value: formatWan(application.proposedAmountWan) })}
            rules={[{ required: true, message: t('programmes.application.amountRequired') }]}
          >
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="comment" label={t('programmes.application.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <ReasonDialog
        open={dialog === 'return'}
        title={t('programmes.application.returnTitle')}
        okText={t('programmes.application.return')}
        loading={returning.loading}
        onCancel={() => setDialog(null)}
        onOk={(reason) =>
          void giveBack({ variables: { id: application.id, reason } }).then(() => {
            setDialog(null);
            void message.success(t('programmes.application.returnedMessage'));
          }, failed)
        }
      />
      <Modal
        open={dialog === 'pay'}
        title={t('programmes.application.payTitle')}
        okText={t('programmes.application.pay')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: paying.loading }}
        onCancel={() => setDialog(null)}
        destroyOnHidden
        onOk={() =>
          whenValid(payForm, (values) =>
            pay({
              variables: {
                input: {
                  applicationId: application.id,
                  paidAmountWan: values.paidAmountWan,
                  paidAt: values.paidAt.toISOString(),
                  reference: values.reference?.trim() || null,
                },
              },
            }).then(() => {
              setDialog(null);
              void message.success(t('programmes.application.paidMessage'));
            }, failed),
          )
        }
      >
        <Form
          form={payForm}
          layout="vertical"
          preserve={false}
          initialValues={{ paidAmountWan: application.approvedAmountWan ?? undefined, paidAt: dayjs() }}
        >
          <Form.Item
            name="paidAmountWan"
            label={t('programmes.application.paidAmount')}
            rules={[{ required: true, message: t('programmes.application.amountRequired') }]}
          >
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="paidAt" label={t('programmes.application.paidAt')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reference" label={t('programmes.application.reference')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** One reward application: the platform's prefilled records, evidence, the record; each side's actions. */
export default function RewardApplicationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { session } = useSession();
  const { role } = useActiveRole();
  const { data, loading, error, refetch } = useQuery(RewardApplicationQuery, { variables: { id }, skip: !session });
  if (!session) return <Navigate to={`/sign-in?next=/workspace/rewards/${id}`} replace />;
  if (loading && !data) return <PageLoading />;
  if (error || !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const application = data.rewardApplication;
  const prefill = readPrefill(application.prefillJson);
  const bureau = role === 'ADMIN';
  const applicantMay = rewardActions(application.status, 'applicant').length > 0;
  const wan = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : t('programmes.wan', { value: formatWan(value) });
  return (
    <div>
      <Link to={bureau ? '/workspace/bureau/rewards' : '/workspace/rewards'}>← {t('programmes.application.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>
        {t('programmes.application.title', { title: prefill.achievementTitle })}{' '}
        <Tag color={REWARD_STATUS_COLOURS[application.status]} style={{ verticalAlign: 'middle' }}>
          {t(`programmes.rewardStatus.${application.status}`)}
        </Tag>
      </Typography.Title>
      {application.registrationAmendedAt && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('programmes.application.registrationAmended', {
            date: formatDate(application.registrationAmendedAt, i18n.language),
            note: application.registrationAmendmentNote ?? '',
          })}
        />
      )}
      {application.returnReason && application.status === 'RETURNED' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('programmes.application.returnReason', { reason: application.returnReason })}
        />
      )}
      {application.reviewComment && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('programmes.application.reviewComment', { comment: application.reviewComment })}
        />
      )}
      {application.paidAt && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('programmes.application.payment', {
            amount: formatWan(application.paidAmountWan),
            date: formatDate(application.paidAt, i18n.language),
            reference: application.paymentReference ?? '—',
          })}
        />
      )}
      <Card title={t('programmes.application.prefill')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('programmes.rewards.institution')}>
            {application.institution?.name ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.rewards.enterprise')}>
            {prefill.enterpriseName}
            {prefill.enterpriseRegion ? `（${prefill.enterpriseRegion}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.rules.qualifications')} span={2}>
            {t(`programmes.qualification.${application.qualification}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.application.rightsKind')}>
            {prefill.rightsKind ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.application.teamShare')}>
            {prefill.teamSharePercent === null ? '—' : `${prefill.teamSharePercent}%`}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.application.rightsConfirmedAt')}>
            {formatDate(prefill.rightsConfirmedAt, i18n.language) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.rewards.registrationNumber')}>
            {application.registrationNumber}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.rewards.registeredAt')}>
            {formatDate(application.registeredAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.application.contractType')}>
            {prefill.contractType
              ? t(`broker.contractTypes.${prefill.contractType}`, { defaultValue: prefill.contractType })
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.application.contractValue')}>
            {wan(prefill.contractValueWan)}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.rewards.technicalIncome')}>
            {wan(application.technicalIncomeWan)}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.application.ruleVersion')}>
            {t('programmes.rules.version', { version: application.ruleVersion.version })} ·{' '}
            {application.ruleVersion.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.rewards.proposed')}>
            {wan(application.proposedAmountWan)}
            {prefill.cappedBy && prefill.cappedBy !== 'NONE' && prefill.uncappedWan !== null && (
              <span className="secondary">
                {' '}
                （{t(`programmes.application.capped.${prefill.cappedBy}`, { defaultValue: prefill.cappedBy })}；
                {t('programmes.application.uncapped', { value: formatWan(prefill.uncappedWan) })}）
              </span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.application.yearCapRemaining')}>
            {application.yearCapRemainingWan === null || application.yearCapRemainingWan === undefined
              ? t('programmes.rules.noCap')
              : wan(application.yearCapRemainingWan)}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.rewards.approved')}>
            {wan(application.approvedAmountWan)}
          </Descriptions.Item>
          {application.applicantNote && (
            <Descriptions.Item label={t('programmes.application.applicantNote')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{application.applicantNote}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('programmes.application.evidence')} style={{ marginTop: 16 }} size="small">
        {/* antd's own empty text is too faint (contrast): the page's secondary text instead. */}
        {application.evidence.length === 0 ? (
          <span className="secondary">{t('programmes.application.noEvidence')}</span>
        ) : (
          <List
            dataSource={application.evidence}
            renderItem={(item) => (
              <List.Item key={item.fileId}>
                <Space>
                  <Tag>{item.label}</Tag>
                  <Button type="link" onClick={() => void downloadFile(item.url, item.name).catch(failed)}>
                    {item.name}
                  </Button>
                  {!bureau && applicantMay && (
                    <RemoveFileButton owner={{ kind: 'reward', applicationId: application.id }} file={item} />
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      {bureau ? (
        <BureauPanel application={application} />
      ) : (
        applicantMay && <ApplicantPanel key={application.updatedAt} application={application} />
      )}
      <Card title={t('programmes.application.events')} style={{ marginTop: 16 }} size="small">
        <Timeline
          items={application.events.map((event) => ({
            key: event.id,
            content: (
              <span>
                <strong>{t(`programmes.eventKind.${event.kind}`)}</strong> ·{' '}
                {formatDate(event.createdAt, i18n.language)}
                {event.body ? (
                  <div className="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                    {event.body}
                  </div>
                ) : null}
              </span>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
