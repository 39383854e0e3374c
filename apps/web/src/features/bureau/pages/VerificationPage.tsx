import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Space,
  Tabs,
  Tag,
  Typography,
  message,
} from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { BureauNav } from '../components/BureauNav';
import {
  BrokerCredentialQueueQuery,
  OrganisationVerificationQueueQuery,
  RejectBrokerCredentialMutation,
  RejectOrganisationVerificationMutation,
  SetOrganisationStateOwnedMutation,
  VerifiedEnterprisesQuery,
  VerifyBrokerCredentialMutation,
  VerifyOrganisationMutation,
} from '../operations';

/** Asks for the reason of a rejection (required; the applicant reads it). */
function RejectDialog({
  open,
  title,
  loading,
  onCancel,
  onReject,
}: {
  open: boolean;
  title: string;
  loading: boolean;
  onCancel: () => void;
  onReject: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('bureau.verification.reject')}
      okButtonProps={{ loading }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((values) => onReject(values.reason.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('bureau.verification.reason')}
          rules={[{ required: true, whitespace: true, message: t('bureau.verification.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function OrganisationQueue() {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(OrganisationVerificationQueueQuery, {
    variables: { first: 50 },
    fetchPolicy: 'cache-and-network',
  });
  const [verify, verifying] = useMutation(VerifyOrganisationMutation);
  const [reject, rejecting] = useMutation(RejectOrganisationVerificationMutation);
  const [rejectingId, setRejectingId] = useState<string | null>(null);
  // Enterprises the bureau marks state-owned (国有企业) when verifying: they may post application scenarios.
  const [stateOwned, setStateOwned] = useState<Record<string, boolean>>({});
  const queue = data?.queue.nodes ?? [];
  const done = async (text: string) => {
    message.success(text);
    await refetch();
  };
  const failed = (failure: unknown) => message.error(describeApiError(failure).message);
  return (
    <ListStates
      loading={loading && !data}
      error={error}
      empty={queue.length === 0}
      emptyText={t('bureau.verification.noOrganisations')}
      onRetry={() => void refetch()}
    >
      <List
        dataSource={queue}
        renderItem={(request) => (
          <List.Item key={request.id}>
            <Card
              style={{ width: '100%' }}
              title={<h3 style={{ fontSize: 16, margin: 0 }}>{request.organisation.name}</h3>}
              extra={<Tag>{t(`orgKinds.${request.organisation.kind}`)}</Tag>}
            >
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('bureau.verification.registeredName')}>
                  {request.registeredName}
                </Descriptions.Item>
                <Descriptions.Item label={t('bureau.verification.creditCode')}>
                  {request.creditCode ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('bureau.verification.region')}>
                  {request.organisation.region ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('bureau.verification.submittedAt')}>
                  {formatDate(request.createdAt, i18n.language)}
                </Descriptions.Item>
                <Descriptions.Item label={t('bureau.verification.evidence')} span={2}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{request.evidence ?? '—'}</span>
                </Descriptions.Item>
              </Descriptions>
              <Space style={{ marginTop: 12 }} wrap>
                {request.organisation.kind === 'ENTERPRISE' && (
                  <Checkbox
                    checked={stateOwned[request.id] ?? false}
                    onChange={(event) => setStateOwned({ ...stateOwned, [request.id]: event.target.checked })}
                  >
                    {t('bureau.verification.stateOwned')}
                  </Checkbox>
                )}
                <Button
                  type="primary"
                  loading={verifying.loading}
                  aria-label={`${t('bureau.verification.approve')}: ${request.organisation.name}`}
                  onClick={() =>
                    void verify({
                      variables: { requestId: request.id, stateOwned: stateOwned[request.id] ?? false },
                    }).then(
                      () => done(t('bureau.verification.approvedOrganisation', { name: request.organisation.name })),
                      failed,
                    )
                  }
                >
                  {t('bureau.verification.approve')}
                </Button>
                <Button
                  aria-label={`${t('bureau.verification.reject')}: ${request.organisation.name}`}
                  onClick={() => setRejectingId(request.id)}
                >
                  {t('bureau.verification.reject')}
                </Button>
              </Space>
            </Card>
          </List.Item>
        )}
      />
      <RejectDialog
        open={rejectingId !== null}
        title={t('bureau.verification.rejectOrganisation')}
        loading={rejecting.loading}
        onCancel={() => setRejectingId(null)}
        onReject={(reason) =>
          void reject({ variables: { input: { requestId: rejectingId!, reason } } }).then(() => {
            setRejectingId(null);
            return done(t('bureau.verification.rejected'));
          }, failed)
        }
      />
    </ListStates>
  );
}

function CredentialQueue() {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(BrokerCredentialQueueQuery, {
    variables: { first: 50 },
    fetchPolicy: 'cache-and-network',
  });
  const [verify, verifying] = useMutation(VerifyBrokerCredentialMutation);
  const [reject, rejecting] = useMutation(RejectBrokerCredentialMutation);
  const [rejectingId, setRejectingId] = useState<string | null>(null);
  const queue = data?.queue ?? [];
  const done = async (text: string) => {
    message.success(text);
    await refetch();
  };
  const failed = (failure: unknown) => message.error(describeApiError(failure).message);
  return (
    <ListStates
      loading={loading && !data}
      error={error}
      empty={queue.length === 0}
      emptyText={t('bureau.verification.noCredentials')}
      onRetry={() => void refetch()}
    >
      <List
        dataSource={queue}
        renderItem={(profile) => (
          <List.Item key={profile.userId}>
            <Card
              style={{ width: '100%' }}
              title={
                <h3 style={{ fontSize: 16, margin: 0 }}>
                  {t('bureau.verification.certificate', { number: profile.certificateNumber ?? '—' })}
                </h3>
              }
              extra={profile.credentialLevel && <Tag>{t(`bureau.verification.level.${profile.credentialLevel}`)}</Tag>}
            >
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('bureau.verification.issuingBody')}>
                  {profile.issuingBody ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('bureau.verification.expiresAt')}>
                  {formatDate(profile.credentialExpiresAt, i18n.language) || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('bureau.verification.submittedAt')}>
                  {formatDate(profile.credentialSubmittedAt, i18n.language) || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('bureau.verification.industries')}>
                  {profile.industryCodes.join('、') || '—'}
                </Descriptions.Item>
              </Descriptions>
              <Space style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  loading={verifying.loading}
                  onClick={() =>
                    void verify({ variables: { userId: profile.userId } }).then(
                      () => done(t('bureau.verification.approvedCredential')),
                      failed,
                    )
                  }
                >
                  {t('bureau.verification.approve')}
                </Button>
                <Button onClick={() => setRejectingId(profile.userId)}>{t('bureau.verification.reject')}</Button>
              </Space>
            </Card>
          </List.Item>
        )}
      />
      <RejectDialog
        open={rejectingId !== null}
        title={t('bureau.verification.rejectCredential')}
        loading={rejecting.loading}
        onCancel={() => setRejectingId(null)}
        onReject={(reason) =>
          void reject({ variables: { userId: rejectingId!, reason } }).then(() => {
            setRejectingId(null);
            return done(t('bureau.verification.rejected'));
          }, failed)
        }
      />
    </ListStates>
  );
}

/** 国有企业认定: verified enterprises, each with the bureau's state-owned finding (it lets them post scenarios). */
function StateOwnedEnterprises() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  // The first 100 by name; the filter asks the server, so any enterprise can be found however many there are.
  const { data, loading, error, refetch } = useQuery(VerifiedEnterprisesQuery, {
    variables: { nameContains: filter || null },
    fetchPolicy: 'cache-and-network',
  });
  const [setStateOwned] = useMutation(SetOrganisationStateOwnedMutation);
  const [saving, setSaving] = useState<string | null>(null);
  const enterprises = data?.organisations ?? [];
  const toggle = async (organisationId: string, stateOwned: boolean) => {
    setSaving(organisationId);
    try {
      await setStateOwned({ variables: { organisationId, stateOwned } });
      void message.success(t('bureau.verification.stateOwnedSaved'));
    } catch (problem) {
      void message.error(describeApiError(problem).message);
    } finally {
      setSaving(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('bureau.verification.stateOwnedIntro')}
      </Typography.Paragraph>
      <Input.Search
        aria-label={t('bureau.verification.enterpriseFilter')}
        placeholder={t('bureau.verification.enterpriseFilter')}
        allowClear
        style={{ maxWidth: 320 }}
        onSearch={(value) => setFilter(value.trim())}
      />
      <ListStates
        loading={loading && !data}
        error={error}
        onRetry={() => void refetch()}
        empty={enterprises.length === 0}
        emptyText={t('bureau.verification.noEnterprises')}
      >
        <List
          dataSource={enterprises}
          renderItem={(organisation) => (
            <List.Item
              actions={[
                <Checkbox
                  key="state-owned"
                  checked={organisation.stateOwned}
                  disabled={saving === organisation.id}
                  aria-label={`${organisation.name}: ${t('bureau.verification.stateOwned')}`}
                  onChange={(event) => void toggle(organisation.id, event.target.checked)}
                >
                  {t('bureau.verification.stateOwned')}
                </Checkbox>,
              ]}
            >
              <List.Item.Meta title={organisation.name} />
            </List.Item>
          )}
        />
      </ListStates>
    </Space>
  );
}

/** 认证审核: organisations' verification requests and brokers' credentials, each approved or rejected with a reason. */
export default function VerificationPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session) return <Navigate to="/sign-in?next=/workspace/bureau/verification" replace />;
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('bureau.verification.title')}
      </Typography.Title>
      <BureauNav />
      <Tabs
        items={[
          { key: 'organisations', label: t('bureau.verification.organisations'), children: <OrganisationQueue /> },
          { key: 'credentials', label: t('bureau.verification.credentials'), children: <CredentialQueue /> },
          { key: 'state-owned', label: t('bureau.verification.stateOwnedTab'), children: <StateOwnedEnterprises /> },
        ]}
      />
    </div>
  );
}
