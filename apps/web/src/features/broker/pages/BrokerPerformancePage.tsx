import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { ErrorState, ListLoading } from '../../../shared/ui/states';
import { BrokerNav } from '../components/BrokerNav';
import { BrokerPerformanceQuery } from '../operations';

/** 我的业绩: claims, introductions and their acceptance, deals by stage, registered contracts and amounts. */
export default function BrokerPerformancePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(BrokerPerformanceQuery, {
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/broker/performance" replace />;
  const figures = data?.brokerPerformance;
  const wan = (value: number) => t('common.wan', { value: Number.isInteger(value) ? value : value.toFixed(1) });
  const cards: Array<{ key: string; title: string; value: string | number }> = figures
    ? [
        { key: 'openClaims', title: t('broker.performance.openClaims'), value: figures.openClaims },
        { key: 'introductions', title: t('broker.performance.introductions'), value: figures.introductionsProposed },
        { key: 'accepted', title: t('broker.performance.accepted'), value: figures.introductionsAccepted },
        {
          key: 'acceptanceRate',
          title: t('broker.performance.acceptanceRate'),
          value:
            figures.acceptanceRate === null || figures.acceptanceRate === undefined
              ? '–'
              : `${Math.round(figures.acceptanceRate * 100)}%`,
        },
        { key: 'idleDeals', title: t('broker.performance.idleDeals'), value: figures.idleDeals },
        { key: 'registered', title: t('broker.performance.registered'), value: figures.registeredContracts },
        { key: 'contractValue', title: t('broker.performance.contractValue'), value: wan(figures.contractValueWan) },
        {
          key: 'technicalIncome',
          title: t('broker.performance.technicalIncome'),
          value: wan(figures.technicalIncomeWan),
        },
        { key: 'commission', title: t('broker.performance.commission'), value: wan(figures.commissionWan) },
      ]
    : [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('broker.performance.title')}
      </Typography.Title>
      <BrokerNav />
      {error ? (
        <>
          <ErrorState error={error} onRetry={() => void refetch()} />
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('broker.credentialHint')} />
        </>
      ) : loading && !figures ? (
        <ListLoading rows={5} />
      ) : (
        figures && (
          <>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {cards.map((card) => (
                <Col key={card.key} xs={12} md={8}>
                  <Card>
                    <Statistic title={card.title} value={card.value} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Card title={t('broker.performance.byStage')}>
              <Table
                rowKey="stage"
                pagination={false}
                size="small"
                dataSource={figures.dealsByStage}
                columns={[
                  {
                    title: t('broker.performance.stage'),
                    dataIndex: 'stage',
                    render: (stage: string) => t(`broker.stages.${stage}`),
                  },
                  { title: t('broker.performance.count'), dataIndex: 'count', align: 'right' },
                ]}
              />
            </Card>
          </>
        )
      )}
    </div>
  );
}
