import { useState } from 'react';
import { Button, message, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { BureauNav } from '../../bureau/components/BureauNav';
import type { RewardApplicationStatus, RewardTotalsDimension } from '../../../gql/graphql';
import { RewardApplicationsTable } from '../components/RewardApplicationsTable';
import { RuleVersionCard } from '../components/RuleVersionCard';
import { RuleVersionForm } from '../components/RuleVersionForm';
import { formatWan } from '../logic';
import {
  CreateRewardRuleVersionMutation,
  RewardApplicationsQuery,
  RewardRuleVersionsQuery,
  RewardTotalsQuery,
} from '../operations';

const STATUSES: RewardApplicationStatus[] = ['SUBMITTED', 'APPROVED', 'PAID', 'RETURNED', 'DRAFT'];

function ReviewQueue() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as RewardApplicationStatus | 'ALL' | null) ?? 'SUBMITTED';
  const { data, loading, error, refetch } = useQuery(RewardApplicationsQuery, {
    variables: { first: 100, status: status === 'ALL' ? null : status },
    fetchPolicy: 'cache-and-network',
  });
  const rows = data?.rewardApplications.nodes ?? [];
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('programmes.rewards.statusFilter')}</span>
        <Select
          aria-label={t('programmes.rewards.statusFilter')}
          style={{ minWidth: 160 }}
          value={status}
          onChange={(value) => setParams((old) => ({ ...Object.fromEntries(old), tab: 'queue', status: value }))}
          options={[
            ...STATUSES.map((s) => ({ value: s, label: t(`programmes.rewardStatus.${s}`) })),
            { value: 'ALL', label: t('programmes.rewards.allStatuses') },
          ]}
        />
        {data && (
          <span className="secondary">
            {t('programmes.rewards.totalCount', { count: data.rewardApplications.totalCount })}
          </span>
        )}
      </Space>
      <ListStates
        loading={loading && !data}
        error={error}
        empty={rows.length === 0}
        emptyText={t('programmes.rewards.empty')}
        onRetry={() => void refetch()}
      >
        <RewardApplicationsTable rows={rows} />
      </ListStates>
    </div>
  );
}

function Rules() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(RewardRuleVersionsQuery, { fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(CreateRewardRuleVersionMutation);
  const [open, setOpen] = useState(false);
  const versions = data?.rewardRuleVersions ?? [];
  const latest = versions[0];
  return (
    <div>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>
        {t('programmes.rules.newVersion')}
      </Button>
      <ListStates
        loading={loading && !data}
        error={error}
        empty={versions.length === 0}
        emptyText={t('programmes.rules.empty')}
        onRetry={() => void refetch()}
      >
        {versions.map((rule) => (
          <RuleVersionCard key={rule.id} rule={rule} />
        ))}
      </ListStates>
      <RuleVersionForm
        open={open}
        loading={creating.loading}
        initial={
          latest
            ? {
                name: latest.name,
                qualifications: latest.terms.qualifications,
                districtRegions: latest.terms.districtRegions.join('、'),
                contractTypes: latest.terms.contractTypes.join(', '),
                sharePercent: latest.terms.sharePercent,
                minTechnicalIncomeWan: latest.terms.minTechnicalIncomeWan,
                capPerItemWan: latest.terms.capPerItemWan,
                capPerYearWan: latest.terms.capPerYearWan,
                requiredEvidence: latest.terms.requiredEvidence.join('、'),
              }
            : undefined
        }
        onCancel={() => setOpen(false)}
        onCreate={(input) =>
          void create({ variables: { input } }).then(
            async (result) => {
              setOpen(false);
              void message.success(
                t('programmes.rules.created', { version: result.data?.createRewardRuleVersion.version }),
              );
              await refetch();
            },
            (failure: unknown) => void message.error(describeApiError(failure).message),
          )
        }
      />
    </div>
  );
}

function Totals() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<RewardTotalsDimension>('YEAR');
  const { data, loading, error, refetch } = useQuery(RewardTotalsQuery, {
    variables: { groupBy },
    fetchPolicy: 'cache-and-network',
  });
  const rows = data?.rewardTotals ?? [];
  return (
    <div>
      <Segmented
        aria-label={t('programmes.totals.groupBy')}
        style={{ marginBottom: 12 }}
        value={groupBy}
        onChange={(value) => setGroupBy(value)}
        options={(['YEAR', 'INSTITUTION', 'INDUSTRY'] as const).map((d) => ({
          value: d,
          label: t(`programmes.totals.${d}`),
        }))}
      />
      <ListStates
        loading={loading && !data}
        error={error}
        empty={rows.length === 0}
        emptyText={t('programmes.totals.empty')}
        onRetry={() => void refetch()}
      >
        <Table
          rowKey="key"
          size="middle"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t(`programmes.totals.${groupBy}`), dataIndex: 'label' },
            { title: t('programmes.totals.applications'), dataIndex: 'applications', align: 'right' },
            { title: t('programmes.totals.submitted'), dataIndex: 'submitted', align: 'right' },
            { title: t('programmes.totals.approvedCount'), dataIndex: 'approved', align: 'right' },
            { title: t('programmes.totals.paidCount'), dataIndex: 'paid', align: 'right' },
            {
              title: t('programmes.totals.approvedAmount'),
              key: 'approvedAmount',
              align: 'right',
              render: (_, row) => formatWan(row.approvedAmountWan),
            },
            {
              title: t('programmes.totals.paidAmount'),
              key: 'paidAmount',
              align: 'right',
              render: (_, row) => formatWan(row.paidAmountWan),
            },
          ]}
        />
      </ListStates>
    </div>
  );
}

/** 转化奖励 (bureau): the review queue, the versioned rules, totals by year, institution and industry. */
export default function BureauRewardsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  if (!session) return <Navigate to="/sign-in?next=/workspace/bureau/rewards" replace />;
  const tab = params.get('tab') ?? 'queue';
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('programmes.rewards.title')}
      </Typography.Title>
      <BureauNav />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          { key: 'queue', label: t('programmes.rewards.tabs.queue'), children: <ReviewQueue /> },
          { key: 'rules', label: t('programmes.rewards.tabs.rules'), children: <Rules /> },
          { key: 'totals', label: t('programmes.rewards.tabs.totals'), children: <Totals /> },
        ]}
      />
    </div>
  );
}
