import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/lib/format';
import { formatWan, readPrefill, REWARD_STATUS_COLOURS } from '../logic';
import type { RewardApplicationRowFragment } from '../operations';

/** Reward applications, one row each, opening the application's page. */
export function RewardApplicationsTable({
  rows,
  loading,
  showInstitution = true,
}: {
  rows: readonly RewardApplicationRowFragment[];
  loading?: boolean;
  showInstitution?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table<RewardApplicationRowFragment>
      rowKey="id"
      size="middle"
      loading={loading}
      pagination={false}
      dataSource={[...rows]}
      scroll={{ x: 900 }}
      columns={[
        {
          title: t('programmes.rewards.achievement'),
          key: 'achievement',
          render: (_, row) => (
            <Link to={`/workspace/rewards/${row.id}`}>{readPrefill(row.prefillJson).achievementTitle}</Link>
          ),
        },
        ...(showInstitution
          ? [
              {
                title: t('programmes.rewards.institution'),
                key: 'institution',
                render: (_: unknown, row: RewardApplicationRowFragment) => row.institution?.name ?? '—',
              },
            ]
          : []),
        {
          title: t('programmes.rewards.enterprise'),
          key: 'enterprise',
          render: (_, row) => row.enterprise?.name ?? '—',
        },
        { title: t('programmes.rewards.registrationNumber'), dataIndex: 'registrationNumber' },
        {
          title: t('programmes.rewards.registeredAt'),
          key: 'registeredAt',
          render: (_, row) => formatDate(row.registeredAt, i18n.language),
        },
        {
          title: t('programmes.rewards.technicalIncome'),
          key: 'income',
          align: 'right',
          render: (_, row) => formatWan(row.technicalIncomeWan),
        },
        {
          title: t('programmes.rewards.proposed'),
          key: 'proposed',
          align: 'right',
          render: (_, row) => formatWan(row.proposedAmountWan),
        },
        {
          title: t('programmes.rewards.approved'),
          key: 'approved',
          align: 'right',
          render: (_, row) => formatWan(row.approvedAmountWan),
        },
        {
          title: t('programmes.rewards.status'),
          key: 'status',
          render: (_, row) => (
            <>
              <Tag color={REWARD_STATUS_COLOURS[row.status]}>{t(`programmes.rewardStatus.${row.status}`)}</Tag>
              {row.registrationAmendedAt && <Tag color="warning">{t('programmes.rewards.registrationAmended')}</Tag>}
            </>
          ),
        },
      ]}
    />
  );
}
