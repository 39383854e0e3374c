import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Form, Input, message, Select, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApolloClient, useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { downloadText } from '../../../shared/lib/csv';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState } from '../../../shared/ui/states';
import type { TechContractType } from '../../../gql/graphql';
import { BureauNav } from '../components/BureauNav';
import { apiRange, defaultDays, type Day } from '../dashboard-data';
import { BureauIndustriesQuery, BureauLedgerCsvQuery, BureauLedgerQuery } from '../operations';

const TYPES: TechContractType[] = ['TRANSFER', 'LICENSE', 'DEVELOPMENT', 'SERVICE', 'CONSULTING'];
const PAGE = 20;

/** 技术合同登记台账: every registered contract with its office, parties, type, amounts, field and regions. */
export default function ContractLedgerPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const client = useApolloClient();
  const [days, setDays] = useState<[Day, Day]>(() => defaultDays());
  const [industry, setIndustry] = useState<string | null>(null);
  const [contractType, setContractType] = useState<TechContractType | null>(null);
  const [region, setRegion] = useState('');
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const range = useMemo(() => apiRange(days[0], days[1]), [days]);
  const filter = { range, industry, contractType, region: region.trim() || null };
  const industries = useQuery(BureauIndustriesQuery, { skip: !session });
  const { data, loading, error, refetch } = useQuery(BureauLedgerQuery, {
    skip: !session,
    variables: { ...filter, first: PAGE, offset: (page - 1) * PAGE },
  });
  if (!session) return <Navigate to="/sign-in?next=/workspace/bureau/ledger" replace />;
  const english = i18n.language === 'en';
  const ledger = data?.ledger;

  const exportCsv = async () => {
    setExporting(true);
    try {
      const result = await client.query({
        query: BureauLedgerCsvQuery,
        variables: { ...filter, language: english ? 'EN' : 'ZH_CN' },
        fetchPolicy: 'network-only',
      });
      if (result.data) downloadText(`contract-ledger_${days[0]}_${days[1]}.csv`, result.data.csv);
    } catch (failure) {
      message.error(describeApiError(failure).message);
    } finally {
      setExporting(false);
    }
  };
  const reset = () => setPage(1);

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('bureau.ledger.title')}
      </Typography.Title>
      <BureauNav />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('bureau.filter.range')} htmlFor="ledger-range">
          <DatePicker.RangePicker
            id={{ start: 'ledger-range', end: 'ledger-range-end' }}
            allowClear={false}
            value={[dayjs(days[0]), dayjs(days[1])]}
            onChange={(values) => {
              if (values?.[0] && values[1]) {
                setDays([values[0].format('YYYY-MM-DD'), values[1].format('YYYY-MM-DD')]);
                reset();
              }
            }}
          />
        </Form.Item>
        <Form.Item label={t('bureau.filter.industry')} htmlFor="ledger-industry">
          <Select
            id="ledger-industry"
            style={{ minWidth: 180 }}
            allowClear
            placeholder={t('bureau.filter.allIndustries')}
            value={industry ?? undefined}
            onChange={(value: string | undefined) => {
              setIndustry(value ?? null);
              reset();
            }}
            options={(industries.data?.industries ?? []).map((item) => ({
              value: item.code,
              label: english ? item.nameEn : item.nameZh,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('bureau.contractType.label')} htmlFor="ledger-type">
          <Select
            id="ledger-type"
            style={{ minWidth: 140 }}
            allowClear
            placeholder={t('bureau.filter.allTypes')}
            value={contractType ?? undefined}
            onChange={(value: TechContractType | undefined) => {
              setContractType(value ?? null);
              reset();
            }}
            options={TYPES.map((type) => ({ value: type, label: t(`bureau.contractType.${type}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('bureau.ledger.region')} htmlFor="ledger-region">
          <Input
            id="ledger-region"
            style={{ width: 140 }}
            allowClear
            maxLength={50}
            placeholder={t('bureau.ledger.regionHint')}
            value={region}
            onChange={(event) => {
              setRegion(event.target.value);
              reset();
            }}
          />
        </Form.Item>
        <Form.Item>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()}>
            {t('bureau.ledger.export')}
          </Button>
        </Form.Item>
      </Form>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Card>
          <Space size="large" style={{ marginBottom: 16 }} wrap>
            <Statistic title={t('bureau.ledger.count')} value={ledger?.totalCount ?? 0} />
            <Statistic
              title={t('bureau.kpi.contractValueWan')}
              value={ledger?.contractValueWan ?? 0}
              precision={2}
              suffix={t('bureau.wanUnit')}
            />
            <Statistic
              title={t('bureau.kpi.technicalIncomeWan')}
              value={ledger?.technicalIncomeWan ?? 0}
              precision={2}
              suffix={t('bureau.wanUnit')}
            />
          </Space>
          <Table
            size="small"
            loading={loading}
            rowKey="dealId"
            dataSource={ledger?.rows ?? []}
            locale={{ emptyText: t('bureau.ledger.empty') }}
            pagination={{
              current: page,
              pageSize: PAGE,
              total: ledger?.totalCount ?? 0,
              showSizeChanger: false,
              onChange: setPage,
            }}
            columns={[
              {
                key: 'authority',
                title: t('bureau.ledger.authority'),
                render: (_, row) => row.registrationAuthority ?? '—',
              },
              { key: 'number', title: t('bureau.ledger.number'), dataIndex: 'registrationNumber' },
              {
                key: 'registeredAt',
                title: t('bureau.ledger.registeredAt'),
                render: (_, row) => formatDate(row.registeredAt, i18n.language),
              },
              {
                key: 'seller',
                title: t('bureau.ledger.seller'),
                render: (_, row) => `${row.sellerName}${row.sellerRegion ? `（${row.sellerRegion}）` : ''}`,
              },
              {
                key: 'buyer',
                title: t('bureau.ledger.buyer'),
                render: (_, row) => `${row.buyerName}${row.buyerRegion ? `（${row.buyerRegion}）` : ''}`,
              },
              {
                key: 'type',
                title: t('bureau.contractType.label'),
                render: (_, row) => (row.contractType ? t(`bureau.contractType.${row.contractType}`) : '—'),
              },
              {
                key: 'value',
                title: t('bureau.kpi.contractValueWan'),
                align: 'right',
                render: (_, row) => row.contractValueWan ?? '—',
              },
              {
                key: 'income',
                title: t('bureau.kpi.technicalIncomeWan'),
                align: 'right',
                render: (_, row) => row.technicalIncomeWan ?? '—',
              },
              {
                key: 'field',
                title: t('bureau.industry'),
                render: (_, row) => (english ? row.industryNameEn : row.industryNameZh) ?? row.industryCode ?? '—',
              },
              { key: 'broker', title: t('bureau.ledger.broker'), render: (_, row) => row.brokerName ?? '—' },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
