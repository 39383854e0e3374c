import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import type { IntroductionDeclineReason } from '../../../gql/graphql';
import { formatDate, formatWan } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { NotFoundPage } from '../../../shared/ui/NotFoundPage';
import {
  AcknowledgeIntroductionMutation,
  AnswerIntroductionMutation,
  EnterpriseIntroductionQuery,
} from '../operations';
import { INTRODUCTION_STATUS_COLOURS } from '../status';

const DECLINE_REASONS: IntroductionDeclineReason[] = [
  'TOO_EARLY',
  'UNCLEAR_BENEFIT',
  'NO_COMMERCIAL_ROUTE',
  'PRICE',
  'OTHER',
];

/**
 * One introduction, from the demand side: accept or decline (with a reason), the confidentiality acknowledgement,
 * then — once both sides accepted and acknowledged — the revealed details and the counterpart's contacts.
 */
export default function IntroductionPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState<IntroductionDeclineReason | null>(null);
  const [comment, setComment] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const { data, loading, error, refetch } = useQuery(EnterpriseIntroductionQuery, {
    variables: { id },
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  const [answer, answering] = useMutation(AnswerIntroductionMutation);
  const [acknowledge, acknowledging] = useMutation(AcknowledgeIntroductionMutation);
  if (!session) return <Navigate to={`/sign-in?next=/workspace/my-introductions/${id}`} replace />;
  const intro = data?.introduction;
  if (loading && !intro) return <PageLoading />;
  if (error) {
    if (describeApiError(error).code === 'NOT_FOUND') return <NotFoundPage />;
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (!intro) return <NotFoundPage />;

  const acknowledged = intro.acknowledgements.some((ack) => ack.side === 'DEMAND');
  const targetTitle = intro.achievement?.title ?? intro.expert?.name ?? t('enterprise.inbox.hidden');
  const step = intro.revealedAt ? 3 : acknowledged ? 2 : intro.demandAnswer === 'ACCEPTED' ? 1 : 0;

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      await refetch();
    } catch (problem) {
      message.error(describeApiError(problem).message);
    }
  };
  const accept = () =>
    run(
      () => answer({ variables: { input: { introductionId: intro.id, accept: true, side: 'DEMAND' } } }),
      t('enterprise.introduction.accepted'),
    );
  const decline = async () => {
    if (!reason) {
      setReasonMissing(true);
      return;
    }
    await run(
      () =>
        answer({
          variables: {
            input: { introductionId: intro.id, accept: false, side: 'DEMAND', reason, comment: comment.trim() || null },
          },
        }),
      t('enterprise.introduction.declined'),
    );
    setDeclining(false);
  };

  return (
    <div>
      <Link to="/workspace/my-introductions">← {t('enterprise.introductions.title')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 12 }}>
        {t('enterprise.introduction.title', { demand: intro.demand?.title ?? '', target: targetTitle })}
        <Tag color={INTRODUCTION_STATUS_COLOURS[intro.status]} style={{ marginLeft: 12, verticalAlign: 'middle' }}>
          {t(`enterprise.introductionStatus.${intro.status}`)}
        </Tag>
      </Typography.Title>
      {intro.status !== 'DECLINED' && intro.status !== 'WITHDRAWN' && (
        <Steps
          current={step}
          style={{ marginBottom: 16 }}
          items={[
            { title: t('enterprise.introduction.steps.answer') },
            { title: t('enterprise.introduction.steps.acknowledge') },
            { title: t('enterprise.introduction.steps.otherSide') },
            { title: t('enterprise.introduction.steps.revealed') },
          ]}
        />
      )}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('enterprise.introduction.proposal')}</h2>}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('enterprise.introduction.demand')}>
              {intro.demand ? <Link to={`/workspace/demands/${intro.demand.id}`}>{intro.demand.title}</Link> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprise.introduction.target')}>
              {intro.achievement ? (
                <Link to={`/achievements/${intro.achievement.id}`}>{intro.achievement.title}</Link>
              ) : intro.expert ? (
                <Link to={`/experts/${intro.expert.id}`}>{intro.expert.name}</Link>
              ) : (
                targetTitle
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprise.introductions.counterpart')}>
              {intro.targetOrganisation?.name ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprise.introductions.broker')}>
              {[intro.broker?.displayName, intro.agency?.name].filter(Boolean).join(' · ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprise.introductions.created')}>
              {formatDate(intro.createdAt, i18n.language)}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprise.introduction.answers')}>
              {t('enterprise.introduction.ourAnswer', {
                answer: t(`enterprise.answer.${intro.demandAnswer ?? 'NONE'}`),
              })}
              {' · '}
              {t('enterprise.introduction.theirAnswer', {
                answer: t(`enterprise.answer.${intro.targetAnswer ?? 'NONE'}`),
              })}
            </Descriptions.Item>
          </Descriptions>
          {intro.message && (
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              title={t('enterprise.introduction.brokerMessage')}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{intro.message}</span>}
            />
          )}
          {intro.status === 'DECLINED' && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              title={t('enterprise.introduction.declinedBy', {
                side: t(`enterprise.side.${intro.declinedBySide ?? 'TARGET'}`),
                reason: intro.declineReason ? t(`enterprise.introductionDeclineReasons.${intro.declineReason}`) : '',
              })}
              description={intro.declineComment ?? undefined}
            />
          )}
          {intro.status === 'PROPOSED' && !intro.demandAnswer && (
            <Space style={{ marginTop: 16 }} wrap>
              <Button type="primary" loading={answering.loading} onClick={() => void accept()}>
                {t('enterprise.introduction.accept')}
              </Button>
              <Button onClick={() => setDeclining(true)}>{t('enterprise.introduction.decline')}</Button>
            </Space>
          )}
        </Card>

        {intro.demandAnswer === 'ACCEPTED' && !acknowledged && ['PROPOSED', 'ACCEPTED'].includes(intro.status) && (
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('enterprise.introduction.terms.title')}</h2>}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {t('enterprise.introduction.terms.body')}
            </Typography.Paragraph>
            <Checkbox checked={agreed} onChange={(event) => setAgreed(event.target.checked)}>
              {t('enterprise.introduction.terms.agree')}
            </Checkbox>
            <div style={{ marginTop: 12 }}>
              <Button
                type="primary"
                disabled={!agreed}
                loading={acknowledging.loading}
                onClick={() =>
                  void run(
                    () => acknowledge({ variables: { introductionId: intro.id } }),
                    t('enterprise.introduction.acknowledged'),
                  )
                }
              >
                {t('enterprise.introduction.terms.confirm')}
              </Button>
            </div>
          </Card>
        )}

        {acknowledged && !intro.revealedAt && intro.status !== 'DECLINED' && intro.status !== 'WITHDRAWN' && (
          <Alert type="info" showIcon title={t('enterprise.introduction.waitingOtherSide')} />
        )}

        {intro.revealedAt && (
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('enterprise.introduction.revealedTitle')}</h2>}
            data-testid="revealed-details"
          >
            <Typography.Paragraph type="secondary">
              {t('enterprise.introduction.revealedAt', { date: formatDate(intro.revealedAt, i18n.language) })}
            </Typography.Paragraph>
            {intro.achievement && (
              <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t('enterprise.introduction.description')}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{intro.achievement.description || '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.introduction.conversionPlan')}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{intro.achievement.conversionPlan || '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.introduction.price')}>
                  {formatWan(t, intro.achievement.askingPriceWan)}
                </Descriptions.Item>
              </Descriptions>
            )}
            <Table
              size="small"
              pagination={false}
              rowKey={(row) => `${row.name}:${row.email ?? ''}:${row.role}`}
              caption={t('enterprise.introduction.contacts')}
              dataSource={intro.counterpartContacts ?? []}
              locale={{ emptyText: t('enterprise.introduction.noContacts') }}
              columns={[
                { title: t('enterprise.introduction.contactName'), dataIndex: 'name' },
                {
                  title: t('enterprise.introduction.contactRole'),
                  dataIndex: 'role',
                  // A role the screen does not know reads as a plain contact, never as a code.
                  render: (role: string) =>
                    t(`enterprise.contactRoles.${role}`, { defaultValue: t('enterprise.introduction.contact') }),
                },
                { title: t('enterprise.introduction.contactOrganisation'), dataIndex: 'organisationName' },
                { title: t('enterprise.introduction.contactEmail'), dataIndex: 'email' },
                { title: t('enterprise.introduction.contactPhone'), dataIndex: 'phone' },
              ]}
            />
          </Card>
        )}
      </Space>

      <Modal
        open={declining}
        title={t('enterprise.introduction.declineTitle')}
        okText={t('enterprise.introduction.decline')}
        cancelText={t('common.cancel')}
        confirmLoading={answering.loading}
        onOk={() => void decline()}
        onCancel={() => setDeclining(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item
            label={t('enterprise.decline.reason')}
            required
            validateStatus={reasonMissing ? 'error' : undefined}
            help={reasonMissing ? t('enterprise.decline.reasonRequired') : undefined}
          >
            <Radio.Group
              aria-label={t('enterprise.decline.reason')}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value as IntroductionDeclineReason);
                setReasonMissing(false);
              }}
            >
              <Space direction="vertical">
                {DECLINE_REASONS.map((value) => (
                  <Radio key={value} value={value}>
                    {t(`enterprise.introductionDeclineReasons.${value}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('enterprise.introduction.comment')} htmlFor="intro-decline-comment">
            <Input.TextArea
              id="intro-decline-comment"
              rows={2}
              maxLength={1000}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
