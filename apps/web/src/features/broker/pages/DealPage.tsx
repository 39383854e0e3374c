import { lazy, Suspense, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  message,
  Row,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate, formatWan } from '../../../shared/lib/format';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { AmendRegistrationDialog } from '../components/AmendRegistrationDialog';
import { BrokerNav } from '../components/BrokerNav';
import { targetTitle } from '../components/labels';
import { useDealMover } from '../components/useDealMover';
import {
  AddDealNoteMutation,
  AddDealTaskMutation,
  BrokerAgencySettingsQuery,
  CompleteDealTaskMutation,
  DealPageQuery,
  PublishDealPriceNoticeMutation,
  SetDealAmountsMutation,
} from '../operations';
import { BOARD_COLUMNS, columnOfStage, DEFAULT_IDLE_DAYS, overdueReasons } from '../pipeline';

const SNAPSHOT_FIELDS = [
  'registrationNumber',
  'registrationAuthority',
  'contractValueWan',
  'technicalIncomeWan',
  'valueDifferenceReason',
] as const;

type Snapshot = Partial<Record<(typeof SNAPSHOT_FIELDS)[number], string | number | null>>;

/** The fields an amendment changed, before → after. */
function amendmentChanges(amendment: { before: Snapshot; after: Snapshot }) {
  return SNAPSHOT_FIELDS.filter((field) => (amendment.before[field] ?? null) !== (amendment.after[field] ?? null)).map(
    (field) => ({ field, before: amendment.before[field], after: amendment.after[field] }),
  );
}

const NOTICE_COLOURS: Record<string, string | undefined> = {
  NONE: undefined,
  OPEN: 'blue',
  ENDED: TAG_COLOURS.mode,
  OBJECTED: TAG_COLOURS.danger,
};

/** 交易详情: parties, stage and its moves, amounts, 协议定价公示, 技术合同登记, tasks, notes and the timeline. */
// 进场交易 (features/programmes) loads with the deal page only when the deal is on an achievement.
const ExchangeHandoffCard = lazy(() => import('../../programmes/components/ExchangeHandoffCard'));

export default function DealPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(DealPageQuery, {
    skip: !session,
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const deal = data?.deal;
  const settings = useQuery(BrokerAgencySettingsQuery, {
    skip: !deal || !deal.myRoles.includes('BROKER'),
    variables: { agencyId: deal?.agencyId ?? '' },
  });
  const { requestMove, requestHold, resume, moving, dialogs } = useDealMover();
  const [amountsForm] = Form.useForm<{ contractValueWan?: number | null }>();
  const [noticeForm] = Form.useForm<{ agreedPriceWan: number }>();
  const [taskForm] = Form.useForm<{ title: string; dueAt?: Dayjs }>();
  const [noteForm] = Form.useForm<{ body: string }>();
  const [setAmounts, savingAmounts] = useMutation(SetDealAmountsMutation);
  const [publish, publishing] = useMutation(PublishDealPriceNoticeMutation);
  const [addTask, addingTask] = useMutation(AddDealTaskMutation, { refetchQueries: ['DealPage'] });
  const [completeTask] = useMutation(CompleteDealTaskMutation, { refetchQueries: ['DealPage'] });
  const [addNote, addingNote] = useMutation(AddDealNoteMutation, { refetchQueries: ['DealPage'] });
  const now = useMemo(() => new Date(), [data]);
  const [amending, setAmending] = useState(false);
  if (!session) return <Navigate to={`/sign-in?next=/workspace/broker/deals/${id}`} replace />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !deal) return <PageLoading />;
  if (!deal) return null;

  const isBroker = deal.myRoles.includes('BROKER');
  const idleDays = settings.data?.brokerAgencySettings.idleReminderDays ?? DEFAULT_IDLE_DAYS;
  const reasons = overdueReasons(deal, now, idleDays);
  const expertLabel = (name: string) => t('broker.queue.expert', { name });
  const title = `${deal.demand?.title ?? '—'} ↔ ${targetTitle(deal, expertLabel)}`;
  const column = columnOfStage(deal.stage);
  const forward = deal.allowedStages.filter((stage) => stage !== 'CLOSED_LOST');
  const editableAmounts = isBroker && !['REGISTERED', 'CLOSED_WON', 'CLOSED_LOST'].includes(deal.stage);
  const fail = (failure: unknown) => message.error(describeApiError(failure).message);

  const saveAmounts = async () => {
    const values = await amountsForm.validateFields();
    try {
      await setAmounts({ variables: { input: { dealId: deal.id, ...values } } });
      message.success(t('broker.deal.amountsSaved'));
    } catch (failure) {
      const problem = describeApiError(failure);
      const fields = formFieldErrors(problem, ['contractValueWan'] as const);
      if (fields.length) amountsForm.setFields(fields);
      else message.error(problem.message);
    }
  };
  const publishNotice = async () => {
    const { agreedPriceWan } = await noticeForm.validateFields();
    try {
      await publish({ variables: { dealId: deal.id, agreedPriceWan } });
      message.success(t('broker.priceNotice.published'));
    } catch (failure) {
      const problem = describeApiError(failure);
      if (problem.fields.agreedPriceWan)
        noticeForm.setFields([{ name: 'agreedPriceWan', errors: problem.fields.agreedPriceWan }]);
      else message.error(problem.message);
    }
  };
  const onAddTask = async () => {
    const values = await taskForm.validateFields();
    try {
      await addTask({
        variables: {
          input: {
            dealId: deal.id,
            title: values.title.trim(),
            dueAt: values.dueAt?.endOf('day').toISOString() ?? null,
          },
        },
      });
      taskForm.resetFields();
      message.success(t('broker.deal.taskAdded'));
    } catch (failure) {
      fail(failure);
    }
  };
  const onAddNote = async () => {
    const { body } = await noteForm.validateFields();
    try {
      await addNote({ variables: { dealId: deal.id, body: body.trim() } });
      noteForm.resetFields();
      message.success(t('broker.deal.noteAdded'));
    } catch (failure) {
      fail(failure);
    }
  };

  const activityText = (activity: (typeof deal.timeline)[number]) => {
    const head = t(`broker.deal.activity.${activity.kind}`, {
      from: activity.fromStage ? t(`broker.stages.${activity.fromStage}`) : '',
      to: activity.toStage ? t(`broker.stages.${activity.toStage}`) : '',
    });
    return activity.body ? `${head}：${activity.body}` : head;
  };

  return (
    <div>
      <BrokerNav />
      <Link to="/workspace/broker/deals">← {t('broker.deal.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 12 }}>
        {title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="blue">{t(`broker.stages.${deal.stage}`)}</Tag>
        {reasons.map((reason) => (
          <Tag key={reason} color={TAG_COLOURS.danger}>
            {t(`broker.board.overdue.${reason}`, { days: idleDays })}
          </Tag>
        ))}
        {deal.onHoldReason && (
          <Tag color={TAG_COLOURS.warning}>{t('broker.hold.tag', { reason: deal.onHoldReason })}</Tag>
        )}
        {deal.stage === 'CLOSED_LOST' && deal.lostReason && (
          <Tag color={TAG_COLOURS.danger}>{t('broker.board.lostReason', { reason: deal.lostReason })}</Tag>
        )}
      </Space>
      <Steps
        size="small"
        style={{ marginBottom: 20 }}
        current={BOARD_COLUMNS.indexOf(column) - 1}
        status={deal.stage === 'CLOSED_LOST' ? 'error' : undefined}
        items={BOARD_COLUMNS.slice(1).map((step) => ({ title: t(`broker.columns.${step}`) }))}
      />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('broker.deal.parties')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('broker.deal.demand')}>{deal.demand?.title ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('broker.deal.demandOrganisation')}>
                {deal.demandOrganisation?.name ?? t('broker.deal.hidden')}
              </Descriptions.Item>
              <Descriptions.Item label={t('broker.deal.target')}>{targetTitle(deal, expertLabel)}</Descriptions.Item>
              <Descriptions.Item label={t('broker.deal.targetOrganisation')}>
                {deal.targetOrganisation?.name ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('broker.deal.broker')}>
                {[deal.broker?.displayName, deal.agency?.name].filter(Boolean).join(' · ')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('broker.deal.actions')} style={{ marginBottom: 16 }}>
            {deal.allowedStages.length === 0 ? (
              <span className="secondary">{t('broker.deal.noActions')}</span>
            ) : (
              <Space wrap>
                {forward.map((stage) => (
                  <Button key={stage} type="primary" loading={moving} onClick={() => requestMove(deal, stage)}>
                    {t(`broker.moveTo.${stage}`)}
                  </Button>
                ))}
                {deal.allowedStages.includes('CLOSED_LOST') && (
                  <Button danger onClick={() => requestMove(deal, 'CLOSED_LOST')}>
                    {t('broker.moveTo.CLOSED_LOST')}
                  </Button>
                )}
                {isBroker &&
                  forward.length > 0 &&
                  (deal.onHoldSince ? (
                    <Button onClick={() => resume(deal.id)}>{t('broker.hold.resume')}</Button>
                  ) : (
                    <Button onClick={() => requestHold(deal.id)}>{t('broker.hold.button')}</Button>
                  ))}
              </Space>
            )}
          </Card>
          <Card title={t('broker.deal.amounts')} style={{ marginBottom: 16 }}>
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('broker.deal.agreedPrice')}>
                {formatWan(t, deal.agreedPriceWan)}
              </Descriptions.Item>
              <Descriptions.Item label={t('broker.deal.contractValue')}>
                {formatWan(t, deal.contractValueWan)}
              </Descriptions.Item>
              <Descriptions.Item label={t('broker.deal.technicalIncome')}>
                {formatWan(t, deal.technicalIncomeWan)}
              </Descriptions.Item>
              <Descriptions.Item label={t('broker.deal.commission')}>
                {formatWan(t, deal.commissionWan)}
              </Descriptions.Item>
            </Descriptions>
            {editableAmounts && (
              <Form
                form={amountsForm}
                name="deal-amounts"
                layout="inline"
                initialValues={{ contractValueWan: deal.contractValueWan }}
                style={{ marginTop: 12, rowGap: 8 }}
              >
                <Form.Item name="contractValueWan" label={t('broker.registration.contractValue')}>
                  <InputNumber min={0} />
                </Form.Item>
                <Button loading={savingAmounts.loading} onClick={() => void saveAmounts().catch(() => undefined)}>
                  {t('broker.deal.saveAmounts')}
                </Button>
              </Form>
            )}
          </Card>
          <Card
            title={t('broker.priceNotice.title')}
            extra={
              <Tag color={NOTICE_COLOURS[deal.priceNoticeStatus]}>
                {t(`broker.priceNotice.${deal.priceNoticeStatus}`)}
              </Tag>
            }
            style={{ marginBottom: 16 }}
          >
            {deal.priceNoticeStatus !== 'NONE' && deal.priceNoticeStartsAt && deal.priceNoticeEndsAt && (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('broker.priceNotice.round', { round: deal.priceNoticeRound })}>
                  {t('broker.priceNotice.window', {
                    start: formatDate(deal.priceNoticeStartsAt, i18n.language),
                    end: formatDate(deal.priceNoticeEndsAt, i18n.language),
                  })}
                </Descriptions.Item>
                <Descriptions.Item label={t('broker.deal.agreedPrice')}>
                  {formatWan(t, deal.agreedPriceWan)}
                </Descriptions.Item>
              </Descriptions>
            )}
            {deal.priceNoticeStatus === 'OBJECTED' && (
              <Alert type="warning" showIcon style={{ margin: '8px 0' }} title={t('broker.priceNotice.objectedHint')} />
            )}
            {deal.priceNoticeStatus === 'ENDED' && deal.stage === 'NEGOTIATING' && (
              <Alert type="success" showIcon style={{ margin: '8px 0' }} title={t('broker.priceNotice.notNeeded')} />
            )}
            {isBroker &&
              deal.stage === 'NEGOTIATING' &&
              deal.priceNoticeStatus !== 'OPEN' &&
              deal.targetType === 'ACHIEVEMENT' && (
                <>
                  <Typography.Paragraph className="secondary" style={{ marginTop: 8 }}>
                    {t('broker.priceNotice.hint')}
                  </Typography.Paragraph>
                  <Form
                    form={noticeForm}
                    name="price-notice"
                    layout="inline"
                    initialValues={{ agreedPriceWan: deal.agreedPriceWan ?? undefined }}
                  >
                    <Form.Item
                      name="agreedPriceWan"
                      label={t('broker.priceNotice.agreedPrice')}
                      rules={[{ required: true, message: t('broker.priceNotice.agreedPrice') }]}
                    >
                      <InputNumber min={0} />
                    </Form.Item>
                    <Button
                      type="primary"
                      loading={publishing.loading}
                      onClick={() => void publishNotice().catch(() => undefined)}
                    >
                      {t('broker.priceNotice.publish')}
                    </Button>
                  </Form>
                </>
              )}
          </Card>
          <Card
            title={t('broker.registration.title')}
            extra={
              isBroker && deal.registeredAt ? (
                <Button size="small" onClick={() => setAmending(true)}>
                  {t('broker.amendment.button')}
                </Button>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
          >
            {deal.registrationNumber ? (
              <Descriptions column={2} size="small">
                <Descriptions.Item label={t('broker.registration.number')}>{deal.registrationNumber}</Descriptions.Item>
                <Descriptions.Item label={t('broker.registration.contractType')}>
                  {deal.contractType ? t(`broker.contractTypes.${deal.contractType}`) : '—'}
                  {deal.contractType === 'LICENSE' && deal.exclusiveLicence
                    ? ` · ${t('broker.registration.exclusive')}`
                    : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('broker.deal.contractValue')}>
                  {formatWan(t, deal.contractValueWan)}
                </Descriptions.Item>
                <Descriptions.Item label={t('broker.deal.technicalIncome')}>
                  {formatWan(t, deal.technicalIncomeWan)}
                </Descriptions.Item>
                <Descriptions.Item label={t('broker.registration.registeredAt')}>
                  {formatDate(deal.registeredAt, i18n.language)}
                </Descriptions.Item>
                {deal.registrationAuthority && (
                  <Descriptions.Item label={t('broker.registration.authority')}>
                    {deal.registrationAuthority}
                  </Descriptions.Item>
                )}
                {deal.valueDifferenceReason && (
                  <Descriptions.Item label={t('broker.registration.differenceReason')} span={2}>
                    {deal.valueDifferenceReason}
                  </Descriptions.Item>
                )}
              </Descriptions>
            ) : deal.allowedStages.includes('REGISTERED') ? (
              <Button type="primary" onClick={() => requestMove(deal, 'REGISTERED')}>
                {t('broker.moveTo.REGISTERED')}
              </Button>
            ) : (
              <span className="secondary">{t('broker.registration.exclusiveHint')}</span>
            )}
            {deal.amendments.length > 0 && (
              <>
                <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>
                  {t('broker.amendment.history')}
                </Typography.Title>
                <List
                  size="small"
                  dataSource={deal.amendments}
                  renderItem={(amendment) => (
                    <List.Item key={amendment.id}>
                      <div>
                        <div>{amendment.reason}</div>
                        <div className="secondary" style={{ fontSize: 12 }}>
                          {formatDate(amendment.createdAt, i18n.language)} ·{' '}
                          {amendmentChanges(amendment)
                            .map((change) =>
                              t('broker.amendment.change', {
                                field: t(`broker.amendment.fields.${change.field}`),
                                before: change.before ?? '—',
                                after: change.after ?? '—',
                              }),
                            )
                            .join('；')}
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              </>
            )}
          </Card>
        </Col>
        {deal.targetType === 'ACHIEVEMENT' && (
          <Suspense fallback={null}>
            <ExchangeHandoffCard dealId={deal.id} mayPrepare={deal.myRoles.some((role) => role !== 'OTHER')} />
          </Suspense>
        )}
        <Col xs={24} lg={10}>
          <Card title={t('broker.deal.tasks')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={deal.tasks}
              locale={{ emptyText: t('broker.deal.noTasks') }}
              renderItem={(task) => {
                const late = !task.doneAt && task.dueAt && new Date(task.dueAt).getTime() < now.getTime();
                return (
                  <List.Item
                    key={task.id}
                    actions={
                      task.doneAt
                        ? [
                            <Tag key="done" color={TAG_COLOURS.mode}>
                              {t('broker.deal.done')}
                            </Tag>,
                          ]
                        : [
                            <Button
                              key="complete"
                              size="small"
                              aria-label={`${t('broker.deal.complete')}：${task.title}`}
                              onClick={() => void completeTask({ variables: { taskId: task.id } }).catch(fail)}
                            >
                              {t('broker.deal.complete')}
                            </Button>,
                          ]
                    }
                  >
                    <div>
                      <div style={{ textDecoration: task.doneAt ? 'line-through' : undefined }}>{task.title}</div>
                      {task.dueAt && (
                        <span style={{ fontSize: 12, color: late ? TAG_COLOURS.danger : '#595959' }}>
                          {t('broker.deal.due', { date: formatDate(task.dueAt, i18n.language) })}
                          {late ? ` · ${t('broker.deal.late')}` : ''}
                        </span>
                      )}
                    </div>
                  </List.Item>
                );
              }}
            />
            <Form form={taskForm} name="deal-task" layout="vertical" style={{ marginTop: 12 }}>
              <Form.Item
                name="title"
                label={t('broker.deal.taskTitle')}
                rules={[{ required: true, whitespace: true, message: t('broker.deal.taskTitleRequired') }]}
              >
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="dueAt" label={t('broker.deal.taskDue')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Button loading={addingTask.loading} onClick={() => void onAddTask().catch(() => undefined)}>
                {t('broker.deal.addTask')}
              </Button>
            </Form>
          </Card>
          <Card title={t('broker.deal.notes')} style={{ marginBottom: 16 }}>
            <Form form={noteForm} name="deal-note" layout="vertical">
              <Form.Item
                name="body"
                label={t('broker.deal.note')}
                rules={[{ required: true, whitespace: true, message: t('broker.deal.noteRequired') }]}
              >
                <Input.TextArea rows={3} maxLength={10000} />
              </Form.Item>
              <Button loading={addingNote.loading} onClick={() => void onAddNote().catch(() => undefined)}>
                {t('broker.deal.addNote')}
              </Button>
            </Form>
          </Card>
          <Card title={t('broker.deal.timeline')}>
            <Timeline
              items={[...deal.timeline].reverse().map((activity) => ({
                key: activity.id,
                color:
                  activity.kind === 'PRICE_NOTICE_OBJECTION'
                    ? 'red'
                    : activity.kind === 'STAGE_CHANGED'
                      ? 'blue'
                      : 'gray',
                content: (
                  <div>
                    <div>{activityText(activity)}</div>
                    <div className="secondary" style={{ fontSize: 12 }}>
                      {formatDate(activity.createdAt, i18n.language)}
                    </div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {dialogs}
      {isBroker && deal.registeredAt && (
        <AmendRegistrationDialog deal={deal} open={amending} onClose={() => setAmending(false)} />
      )}
    </div>
  );
}
