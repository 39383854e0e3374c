import { Alert, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Table, Tag, Typography, message } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { formatDate, formatRange, industryName } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { NotFoundPage } from '../../../shared/ui/NotFoundPage';
import { DemandKindTag } from '../../../shared/ui/DemandKindTag';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { EntrustPanel } from '../components/EntrustPanel';
import { MatchInbox } from '../components/MatchInbox';
import { CloseDemandMutation, EnterpriseDemandQuery, PublishDemandMutation } from '../operations';
import { DEMAND_STATUS_COLOURS } from '../status';
import { useEnterprise } from '../use-enterprise';

/** One of my demands: its content (confidential details too), publish / close, entrustment and the match inbox. */
export default function DemandPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { session, enterprise, loading: contextLoading } = useEnterprise();
  const { data, loading, error, refetch } = useQuery(EnterpriseDemandQuery, {
    variables: { id },
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  const [publish, publishing] = useMutation(PublishDemandMutation);
  const [close, closing] = useMutation(CloseDemandMutation);
  if (!session) return <Navigate to={`/sign-in?next=/workspace/demands/${id}`} replace />;
  const demand = data?.demand;
  if (loading && !demand) return <PageLoading />;
  if (error) {
    if (describeApiError(error).code === 'NOT_FOUND') return <NotFoundPage />;
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (!demand) return <NotFoundPage />;
  if (contextLoading) return <PageLoading />;
  // Someone else's demand: its public page is all there is to see.
  if (!enterprise || demand.organisation?.id !== enterprise.id)
    return <Navigate to={`/demands/${demand.id}`} replace />;
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
      await refetch();
    } catch (problem) {
      message.error(describeApiError(problem).message);
    }
  };
  const editable = ['DRAFT', 'OPEN', 'EXPIRED'].includes(demand.status);
  const final = ['SOLVED', 'CLOSED'].includes(demand.status);
  return (
    <div>
      <Link to="/workspace/demands">← {t('enterprise.myDemands.title')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 12 }}>
        <DemandKindTag kind={demand.kind} />
        {demand.title}
        <Tag color={DEMAND_STATUS_COLOURS[demand.status]} style={{ marginLeft: 12, verticalAlign: 'middle' }}>
          {t(`enterprise.status.${demand.status}`)}
        </Tag>
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        {editable && (
          <Button onClick={() => void navigate(`/workspace/demands/${demand.id}/edit`)}>
            {t('enterprise.demand.edit')}
          </Button>
        )}
        {demand.allowedActions.includes('PUBLISH') && (
          <Button
            type="primary"
            loading={publishing.loading}
            onClick={() => void act(() => publish({ variables: { id: demand.id } }), t('enterprise.form.published'))}
          >
            {t('enterprise.form.publish')}
          </Button>
        )}
        {demand.status !== 'DRAFT' && <Link to={`/demands/${demand.id}`}>{t('enterprise.demand.publicPage')}</Link>}
        {demand.allowedActions.includes('CLOSE') && (
          <Popconfirm
            title={t('enterprise.demand.closeConfirm')}
            okText={t('enterprise.demand.close')}
            cancelText={t('common.cancel')}
            onConfirm={() => void act(() => close({ variables: { id: demand.id } }), t('enterprise.demand.closed'))}
          >
            <Button danger loading={closing.loading}>
              {t('enterprise.demand.close')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <MatchInbox
            demandId={demand.id}
            open={demand.status !== 'DRAFT'}
            demand={demand}
            onChanged={() => void refetch()}
          />
        </Col>
        <Col xs={24} lg={9}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('enterprise.demand.content')}</h2>}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{demand.summary}</Typography.Paragraph>
              <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
                {demand.kind === 'APPLICATION_SCENARIO' && (
                  <>
                    <Descriptions.Item label={t('scenario.fields.site')}>{demand.site ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('scenario.fields.dataAvailable')}>
                      {demand.dataAvailable ?? '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('scenario.fields.timeline')}>
                      {demand.timeline ?? '—'}
                    </Descriptions.Item>
                  </>
                )}
                <Descriptions.Item label={t('enterprise.form.industry')}>
                  {industryName(i18n.language, demand.industry)}
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.form.budget')}>
                  {formatRange(t, demand.budgetMinWan, demand.budgetMaxWan)}
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.form.deadline')}>
                  {formatDate(demand.deadline, i18n.language) || t('common.unknown')}
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.form.cooperationModes')}>
                  {demand.cooperationModes.map((mode) => (
                    <Tag key={mode}>{t(`cooperationModes.${mode}`)}</Tag>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.form.anonymous')}>
                  {demand.anonymous ? t('enterprise.demand.yes') : t('enterprise.demand.no')}
                </Descriptions.Item>
              </Descriptions>
              {demand.technicalIndicators.length > 0 && (
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(row) => `${row.mustHave ? 'm' : 'n'}:${row.name}`}
                  caption={t('enterprise.form.indicators')}
                  dataSource={demand.technicalIndicators}
                  columns={[
                    { title: t('enterprise.form.indicatorName'), dataIndex: 'name' },
                    { title: t('enterprise.form.indicatorTarget'), dataIndex: 'target' },
                    {
                      title: t('enterprise.form.indicatorKind'),
                      dataIndex: 'mustHave',
                      render: (mustHave: boolean) =>
                        mustHave ? (
                          <Tag color={TAG_COLOURS.danger}>{t('enterprise.form.mustHaveShort')}</Tag>
                        ) : (
                          <Tag>{t('enterprise.form.niceToHaveShort')}</Tag>
                        ),
                    },
                  ]}
                />
              )}
              {demand.confidentialDetails && (
                <Alert
                  style={{ marginTop: 12 }}
                  type="warning"
                  title={t('enterprise.demand.confidential')}
                  description={<span style={{ whiteSpace: 'pre-wrap' }}>{demand.confidentialDetails}</span>}
                />
              )}
            </Card>
            <EntrustPanel demandId={demand.id} canEntrust={!final} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
