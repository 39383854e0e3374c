import { useEffect, useMemo, useRef, useState } from 'react';
import { Card, Col, DatePicker, Form, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { ErrorState, ListLoading } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { BureauNav } from '../components/BureauNav';
import { ChartCard } from '../components/ChartCard';
import { DonutChart, FunnelChart, HorizontalBarChart, TrendLineBarChart } from '../components/charts';
import {
  apiRange,
  contractTypeChart,
  contractTypeRows,
  defaultDays,
  formatRatio,
  funnelChart,
  funnelRows,
  industryChart,
  industryRows,
  KPI_KEYS,
  type KpiKey,
  kpis,
  leaderboardChart,
  previousRange,
  trendChart,
  trendRows,
  type Column,
  type ContractTypeView,
  type Day,
  type FunnelRow,
  type IndustryRow,
  type Kpi,
  type LeaderRow,
  type TrendRow,
} from '../dashboard-data';
import {
  BureauByIndustryQuery,
  BureauContractTypesQuery,
  BureauFunnelQuery,
  BureauIndustriesQuery,
  BureauKpisQuery,
  BureauLeaderboardsQuery,
  BureauTrendQuery,
} from '../operations';

const CHARTS = 6;

function KpiCard({ kpi }: { kpi: Kpi }) {
  const { t } = useTranslation();
  const ratio = formatRatio(kpi.change);
  const colour =
    kpi.change.direction === 'up' ? TAG_COLOURS.mode : kpi.change.direction === 'down' ? TAG_COLOURS.danger : 'default';
  return (
    <Card size="small">
      <Statistic
        title={t(`bureau.kpi.${kpi.key}`)}
        value={kpi.value}
        precision={kpi.amount ? 2 : 0}
        suffix={kpi.amount ? t('bureau.wanUnit') : undefined}
      />
      <div style={{ marginTop: 4, fontSize: 12 }}>
        <Tag
          color={colour}
          icon={
            kpi.change.direction === 'up' ? (
              <ArrowUpOutlined />
            ) : kpi.change.direction === 'down' ? (
              <ArrowDownOutlined />
            ) : undefined
          }
        >
          {ratio ?? (kpi.value > 0 ? t('bureau.kpi.new') : '—')}
        </Tag>
        <span className="secondary">
          {t('bureau.kpi.previous', { value: kpi.amount ? kpi.previous.toFixed(2) : kpi.previous })}
        </span>
      </div>
    </Card>
  );
}

/** 科技局数据看板: KPI cards against the previous period, trend, funnel, industries, contract types, leaderboards. */
export default function BureauDashboardPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [days, setDays] = useState<[Day, Day]>(() => defaultDays());
  const [industry, setIndustry] = useState<string | null>(null);
  const range = useMemo(() => apiRange(days[0], days[1]), [days]);
  const variables = { range, industry };
  const skip = !session;
  const industries = useQuery(BureauIndustriesQuery, { skip });
  const kpiQuery = useQuery(BureauKpisQuery, { skip, variables: { ...variables, previous: previousRange(range) } });
  const trend = useQuery(BureauTrendQuery, { skip, variables });
  const funnel = useQuery(BureauFunnelQuery, { skip, variables });
  const byIndustry = useQuery(BureauByIndustryQuery, { skip, variables });
  const types = useQuery(BureauContractTypesQuery, { skip, variables });
  const boards = useQuery(BureauLeaderboardsQuery, { skip, variables });
  const language = i18n.language;

  // Timing marks for `npm run bench:dashboard`: when every query has answered, and when every chart has drawn.
  const rendered = useRef(new Set<string>());
  const allData = Boolean(kpiQuery.data && trend.data && funnel.data && byIndustry.data && types.data && boards.data);
  useEffect(() => {
    rendered.current = new Set();
    if (allData) performance.mark('bureau-dashboard:data');
  }, [allData, range, industry]);
  const onRendered = (id: string) => {
    if (rendered.current.has(id)) return;
    rendered.current.add(id);
    if (rendered.current.size === CHARTS) performance.mark('bureau-dashboard:rendered');
  };

  const labels = useMemo(() => {
    const kpiLabels = Object.fromEntries(KPI_KEYS.map((key) => [key, t(`bureau.kpi.${key}`)])) as Record<
      KpiKey,
      string
    >;
    return {
      ...kpiLabels,
      count: t('bureau.count'),
      wan: t('bureau.wanUnit'),
      LISTED: t('bureau.funnel.LISTED'),
      MATCHED: t('bureau.funnel.MATCHED'),
      INTRODUCED: t('bureau.funnel.INTRODUCED'),
      SIGNED: t('bureau.funnel.SIGNED'),
      REGISTERED_CONTRACT: t('bureau.funnel.REGISTERED_CONTRACT'),
      TRANSFER: t('bureau.contractType.TRANSFER'),
      LICENSE: t('bureau.contractType.LICENSE'),
      DEVELOPMENT: t('bureau.contractType.DEVELOPMENT'),
      SERVICE: t('bureau.contractType.SERVICE'),
      CONSULTING: t('bureau.contractType.CONSULTING'),
    };
  }, [t]);

  const kpiCards = kpis(kpiQuery.data?.current, kpiQuery.data?.previous);
  const trendData = trendRows(trend.data?.months ?? [], range);
  const funnelData = funnelRows(funnel.data?.funnel ?? [], labels);
  const industryData = industryRows(
    byIndustry.data?.industries ?? [],
    industries.data?.industries ?? [],
    language,
    t('bureau.unclassified'),
  );
  const typeData = contractTypeRows(types.data?.contractTypes ?? [], labels);
  if (!session) return <Navigate to="/sign-in?next=/workspace/bureau" replace />;

  const amount = (value: number | null | undefined) => (value ?? 0).toFixed(2);
  const percent = (value: number | null) => (value === null ? null : `${(value * 100).toFixed(1)}%`);
  const trendColumns: Array<Column<TrendRow>> = [
    { key: 'month', title: t('bureau.month'), value: (row) => row.month },
    ...(['achievementsListed', 'matches', 'introductions', 'contractsSigned', 'registeredContracts'] as const).map(
      (key) => ({ key, title: labels[key], value: (row: TrendRow) => row[key], numeric: true }),
    ),
    { key: 'contractValueWan', title: labels.contractValueWan, value: (row) => row.contractValueWan, numeric: true },
    {
      key: 'technicalIncomeWan',
      title: labels.technicalIncomeWan,
      value: (row) => row.technicalIncomeWan,
      numeric: true,
    },
  ];
  const funnelColumns: Array<Column<FunnelRow>> = [
    { key: 'step', title: t('bureau.funnel.step'), value: (row) => row.label },
    { key: 'count', title: t('bureau.count'), value: (row) => row.count, numeric: true },
    { key: 'conversion', title: t('bureau.funnel.conversion'), value: (row) => percent(row.conversion), numeric: true },
  ];
  const industryColumns: Array<Column<IndustryRow>> = [
    { key: 'name', title: t('bureau.industry'), value: (row) => row.name },
    { key: 'listed', title: labels.achievementsListed, value: (row) => row.achievementsListed, numeric: true },
    { key: 'matches', title: labels.matches, value: (row) => row.matches, numeric: true },
    { key: 'registered', title: labels.registeredContracts, value: (row) => row.registeredContracts, numeric: true },
    { key: 'value', title: labels.contractValueWan, value: (row) => row.contractValueWan, numeric: true },
    { key: 'income', title: labels.technicalIncomeWan, value: (row) => row.technicalIncomeWan, numeric: true },
  ];
  const typeColumns: Array<Column<ContractTypeView>> = [
    { key: 'type', title: t('bureau.contractType.label'), value: (row) => row.label },
    { key: 'contracts', title: labels.registeredContracts, value: (row) => row.registeredContracts, numeric: true },
    { key: 'value', title: labels.contractValueWan, value: (row) => row.contractValueWan, numeric: true },
    { key: 'income', title: labels.technicalIncomeWan, value: (row) => row.technicalIncomeWan, numeric: true },
    { key: 'share', title: t('bureau.share'), value: (row) => percent(row.share), numeric: true },
  ];
  const leaderColumns = (nameTitle: string): Array<Column<LeaderRow>> => [
    { key: 'rank', title: t('bureau.rank'), value: (row) => row.rank, numeric: true },
    { key: 'name', title: nameTitle, value: (row) => row.label },
    { key: 'deals', title: t('bureau.deals'), value: (row) => row.deals ?? 0, numeric: true },
    { key: 'signed', title: labels.contractsSigned, value: (row) => row.contractsSigned ?? 0, numeric: true },
    {
      key: 'registered',
      title: labels.registeredContracts,
      value: (row) => row.registeredContracts ?? 0,
      numeric: true,
    },
    { key: 'value', title: labels.contractValueWan, value: (row) => amount(row.contractValueWan), numeric: true },
    { key: 'income', title: labels.technicalIncomeWan, value: (row) => amount(row.technicalIncomeWan), numeric: true },
  ];
  // Room for two labelled bars per field.
  const industryHeight = Math.max(240, industryData.length * 40);
  const stamp = `${days[0]}_${days[1]}${industry ? `_${industry}` : ''}`;
  const firstError = [kpiQuery, trend, funnel, byIndustry, types, boards].find((query) => query.error)?.error;

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('bureau.dashboard.title')}
      </Typography.Title>
      <BureauNav />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('bureau.filter.range')} htmlFor="bureau-range">
          <DatePicker.RangePicker
            id={{ start: 'bureau-range', end: 'bureau-range-end' }}
            allowClear={false}
            value={[dayjs(days[0]), dayjs(days[1])]}
            onChange={(values) => {
              if (values?.[0] && values[1]) setDays([values[0].format('YYYY-MM-DD'), values[1].format('YYYY-MM-DD')]);
            }}
          />
        </Form.Item>
        <Form.Item label={t('bureau.filter.industry')} htmlFor="bureau-industry">
          <Select
            id="bureau-industry"
            style={{ minWidth: 200 }}
            allowClear
            placeholder={t('bureau.filter.allIndustries')}
            value={industry ?? undefined}
            onChange={(value: string | undefined) => setIndustry(value ?? null)}
            options={(industries.data?.industries ?? []).map((item) => ({
              value: item.code,
              label: language === 'en' ? item.nameEn : item.nameZh,
            }))}
          />
        </Form.Item>
      </Form>
      {firstError ? (
        <ErrorState error={firstError} onRetry={() => void kpiQuery.refetch()} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <section aria-label={t('bureau.kpi.label')}>
            {kpiQuery.loading && !kpiQuery.data ? (
              <ListLoading rows={2} />
            ) : (
              <Row gutter={[12, 12]}>
                {kpiCards.map((kpi) => (
                  <Col key={kpi.key} xs={12} sm={8} md={6} xl={kpi.amount ? 4 : 3}>
                    <KpiCard kpi={kpi} />
                  </Col>
                ))}
              </Row>
            )}
          </section>
          <ChartCard
            id="bureau-trend"
            title={t('bureau.trend.title')}
            chart={<TrendLineBarChart chart={trendChart(trendData, labels)} />}
            loading={trend.loading && !trend.data}
            columns={trendColumns}
            rows={trendData}
            rowKey={(row) => row.month}
            fileName={`bureau-trend_${stamp}.csv`}
            onRendered={allData ? onRendered : undefined}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <ChartCard
                id="bureau-funnel"
                title={t('bureau.funnel.title')}
                chart={<FunnelChart steps={funnelChart(funnelData)} conversionLabel={t('bureau.funnel.conversion')} />}
                loading={funnel.loading && !funnel.data}
                empty={funnelData.every((row) => row.count === 0)}
                columns={funnelColumns}
                rows={funnelData}
                rowKey={(row) => row.step}
                fileName={`bureau-funnel_${stamp}.csv`}
                onRendered={allData ? onRendered : undefined}
              />
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard
                id="bureau-contract-types"
                title={t('bureau.contractType.title')}
                chart={<DonutChart slices={contractTypeChart(typeData)} />}
                loading={types.loading && !types.data}
                empty={typeData.every((row) => row.contractValueWan <= 0)}
                columns={typeColumns}
                rows={typeData}
                rowKey={(row) => row.contractType}
                fileName={`bureau-contract-types_${stamp}.csv`}
                onRendered={allData ? onRendered : undefined}
              />
            </Col>
          </Row>
          <ChartCard
            id="bureau-industries"
            title={t('bureau.byIndustry.title')}
            chart={<HorizontalBarChart chart={industryChart(industryData, labels)} height={industryHeight} />}
            loading={byIndustry.loading && !byIndustry.data}
            columns={industryColumns}
            rows={industryData}
            rowKey={(row) => row.code}
            fileName={`bureau-industries_${stamp}.csv`}
            height={industryHeight}
            onRendered={allData ? onRendered : undefined}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <ChartCard
                id="bureau-institutions"
                title={t('bureau.leaderboard.institutions')}
                chart={
                  <HorizontalBarChart
                    chart={leaderboardChart(boards.data?.institutions ?? [], labels.contractValueWan)}
                  />
                }
                loading={boards.loading && !boards.data}
                columns={leaderColumns(t('bureau.leaderboard.institution'))}
                rows={boards.data?.institutions ?? []}
                rowKey={(row) => row.key}
                fileName={`bureau-institutions_${stamp}.csv`}
                onRendered={allData ? onRendered : undefined}
              />
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard
                id="bureau-brokers"
                title={t('bureau.leaderboard.brokers')}
                chart={
                  <HorizontalBarChart chart={leaderboardChart(boards.data?.brokers ?? [], labels.contractValueWan)} />
                }
                loading={boards.loading && !boards.data}
                columns={leaderColumns(t('bureau.leaderboard.broker'))}
                rows={boards.data?.brokers ?? []}
                rowKey={(row) => row.key}
                fileName={`bureau-brokers_${stamp}.csv`}
                onRendered={allData ? onRendered : undefined}
              />
            </Col>
          </Row>
        </Space>
      )}
    </div>
  );
}
