import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  List,
  message,
  Modal,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { EmptyState, ErrorState, ListLoading } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { StageTag } from '../../my-achievements/StageTag';
import { sharesTotal } from '../counters';
import { ApproveStageMutation, ReturnAchievementMutation, ReviewQueueQuery } from '../operations';

/** 技术转移办公室工作台: counters, the review queue, the evidence of the selected application, approve / return. */
export default function TtoWorkbenchPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(ReviewQueueQuery, {
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  // A notification (or its email) opens the application it is about: /workspace/reviews?achievement=<id>.
  const [params] = useSearchParams();
  const [selectedId, setSelectedId] = useState<string | null>(params.get('achievement'));
  const [returning, setReturning] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [approve, approving] = useMutation(ApproveStageMutation);
  const [returnIt, returningCall] = useMutation(ReturnAchievementMutation);
  if (!session) {
    const next = `/workspace/reviews${params.size > 0 ? `?${params.toString()}` : ''}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const queue = data?.queue.nodes ?? [];
  const selected = queue.find((achievement) => achievement.id === selectedId) ?? queue[0];

  const afterDecision = async (text: string) => {
    message.success(text);
    setSelectedId(null);
    await refetch();
  };
  const onApprove = () => {
    if (!selected) return;
    void approve({ variables: { id: selected.id } }).then(
      () => afterDecision(t('tto.approved')),
      (failure: unknown) => message.error(describeApiError(failure).message),
    );
  };
  const onReturn = async () => {
    if (!selected) return;
    const { reason } = await reasonForm.validateFields();
    try {
      await returnIt({ variables: { id: selected.id, reason } });
      setReturning(false);
      reasonForm.resetFields();
      await afterDecision(t('tto.returned'));
    } catch (failure) {
      const problem = describeApiError(failure);
      const fields = formFieldErrors(problem, ['comment', 'reason'] as const);
      if (fields.length) reasonForm.setFields([{ name: 'reason', errors: fields.flatMap((f) => f.errors) }]);
      else message.error(problem.message);
    }
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('tto.title')}
      </Typography.Title>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={6}>
          <Card>
            <Statistic
              title={t('tto.pendingReviews')}
              value={data?.queue.totalCount ?? '–'}
              loading={loading && !data}
            />
          </Card>
        </Col>
        <Col xs={24} sm={6}>
          <Card>
            <Statistic
              title={t('tto.noticesRunning')}
              value={data?.notices.totalCount ?? '–'}
              loading={loading && !data}
            />
          </Card>
        </Col>
        <Col xs={24} sm={6}>
          <Card>
            <Statistic
              title={t('ttoOffice.objectedAchievements')}
              value={data?.objected.totalCount ?? '–'}
              loading={loading && !data}
            />
            <Link to="/workspace/office/notices">{t('ttoOffice.links.notices')}</Link>
          </Card>
        </Col>
        <Col xs={24} sm={6}>
          <Card>
            <Statistic
              title={t('ttoOffice.awaitingConfirmation')}
              value={data?.awaitingConfirmation.totalCount ?? '–'}
              loading={loading && !data}
            />
            <Link to="/workspace/office/listings">{t('ttoOffice.links.listings')}</Link>
          </Card>
        </Col>
      </Row>
      <nav aria-label={t('ttoOffice.links.label')} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Link to="/workspace/office/listings">{t('ttoOffice.tabs.listings')}</Link>
          <Link to="/workspace/office/settings">{t('ttoOffice.tabs.settings')}</Link>
          <Link to="/workspace/office/members">{t('ttoOffice.tabs.members')}</Link>
        </Space>
      </nav>
      <Row gutter={16}>
        <Col xs={24} md={9}>
          <Card title={t('tto.queue')}>
            {loading && !data ? (
              <ListLoading />
            ) : queue.length === 0 ? (
              <EmptyState description={t('tto.queueEmpty')} />
            ) : (
              <List
                dataSource={queue}
                renderItem={(achievement) => (
                  <List.Item
                    key={achievement.id}
                    style={{
                      cursor: 'pointer',
                      borderInlineStart: `3px solid ${achievement.id === selected?.id ? '#1d5fbf' : 'transparent'}`,
                      paddingInline: 8,
                    }}
                  >
                    <List.Item.Meta
                      title={
                        <Button
                          type="link"
                          style={{
                            padding: 0,
                            height: 'auto',
                            whiteSpace: 'normal',
                            textAlign: 'start',
                            color: '#1d5fbf',
                          }}
                          onClick={() => setSelectedId(achievement.id)}
                          aria-pressed={achievement.id === selected?.id}
                        >
                          {achievement.title}
                        </Button>
                      }
                      description={t('tto.submittedOn', { date: formatDate(achievement.updatedAt, i18n.language) })}
                    />
                    <Tag>{t(`tto.status.${achievement.status}`)}</Tag>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={15}>
          {selected && (
            <Card
              title={t('tto.evidence')}
              extra={<StageTag status={selected.status} />}
              actions={[
                <Button key="approve" type="primary" loading={approving.loading} onClick={onApprove}>
                  {t('tto.approve')}
                </Button>,
                <Button
                  key="return"
                  style={{ color: TAG_COLOURS.danger, borderColor: TAG_COLOURS.danger }}
                  onClick={() => setReturning(true)}
                >
                  {t('tto.return')}
                </Button>,
              ]}
            >
              <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
                {selected.title}
              </Typography.Title>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('myAchievements.summary')}>{selected.summary}</Descriptions.Item>
                <Descriptions.Item label={t('filing.fields.description')}>
                  {selected.description ?? t('common.unknown')}
                </Descriptions.Item>
                <Descriptions.Item label={t('filing.fields.conversionPlan')}>
                  {selected.conversionPlan ?? t('common.unknown')}
                </Descriptions.Item>
                <Descriptions.Item label={t('filing.fields.ipType')}>
                  {selected.ipType ? t(`ipTypes.${selected.ipType}`) : t('common.unknown')}
                </Descriptions.Item>
                <Descriptions.Item label={t('tto.proposal')}>
                  {!selected.rightsProposal
                    ? t('tto.noProposal')
                    : selected.rightsProposal.kind === 'TEAM_SHARE'
                      ? t('tto.teamShare', { share: selected.rightsProposal.teamSharePercent ?? '–' })
                      : t('tto.useRight', { years: selected.rightsProposal.useRightYears ?? '–' })}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {t('tto.inventors', { total: sharesTotal(selected.inventors) })}
              </Typography.Title>
              <List
                size="small"
                dataSource={selected.inventors}
                renderItem={(inventor) => (
                  <List.Item key={inventor.id}>
                    <span>
                      {inventor.name} · {t('myAchievements.share', { share: inventor.contributionShare })}
                    </span>
                    {inventor.consentedAt ? (
                      <Tag color={TAG_COLOURS.mode}>
                        {t('myAchievements.consented', { date: formatDate(inventor.consentedAt, i18n.language) })}
                      </Tag>
                    ) : (
                      <Tag color={TAG_COLOURS.danger}>{t('myAchievements.notConsented')}</Tag>
                    )}
                  </List.Item>
                )}
              />
              {selected.objections.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginTop: 16 }}
                  title={t('tto.objections')}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {selected.objections.map((objection) => (
                        <li key={objection.id}>{objection.reason}</li>
                      ))}
                    </ul>
                  }
                />
              )}
            </Card>
          )}
        </Col>
      </Row>
      <Modal
        open={returning}
        title={t('tto.returnTitle')}
        okText={t('tto.return')}
        okButtonProps={{ loading: returningCall.loading, style: { background: TAG_COLOURS.danger } }}
        cancelText={t('common.cancel')}
        onOk={() => void onReturn().catch(() => undefined)}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('tto.reason')}
            rules={[{ required: true, whitespace: true, message: t('tto.reasonRequired') }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
