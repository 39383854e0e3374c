import { Select, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { ListingsPanel } from '../components/ListingsPanel';
import { MembershipRequestsPanel } from '../components/MembershipRequestsPanel';
import { NoticesPanel } from '../components/NoticesPanel';
import { RightsSettingsPanel } from '../components/RightsSettingsPanel';
import { OfficeInstitutionsQuery } from '../operations';

const TABS = ['notices', 'listings', 'settings', 'members'] as const;
type Tab = (typeof TABS)[number];

/**
 * 技术转移办公室: the institution's notices and objections to triage, its listings with the quality checklist and
 * the steps after the notice, its rights settings and its membership requests. One tab per path, so a tab can be
 * linked to; an officer of several institutions picks one.
 */
export default function TtoOfficePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const { tab: tabParam } = useParams();
  const [params, setParams] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(OfficeInstitutionsQuery, { skip: !session });
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'notices';
  if (!session) return <Navigate to={`/sign-in?next=/workspace/office/${tab}`} replace />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading || !data) return <PageLoading />;
  const institutions = data.me.memberships
    .filter((m) => m.role === 'TTO_OFFICER' && m.status === 'ACTIVE')
    .map((m) => m.organisation);
  const institution = institutions.find((o) => o.id === params.get('institution')) ?? institutions[0];
  if (!institution) return <ErrorState error={new Error(t('ttoOffice.notOfficer'))} />;
  return (
    <div>
      <Link to="/workspace/reviews">{t('ttoOffice.backToWorkbench')}</Link>
      <Space align="center" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('ttoOffice.title', { institution: institution.name })}
        </Typography.Title>
        {institutions.length > 1 && (
          <Select
            aria-label={t('ttoOffice.institution')}
            value={institution.id}
            style={{ minWidth: 220 }}
            options={institutions.map((o) => ({ value: o.id, label: o.name }))}
            onChange={(id: string) => setParams({ institution: id })}
          />
        )}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate(`/workspace/office/${key}${params.toString() ? `?${params}` : ''}`)}
        destroyOnHidden
        items={[
          {
            key: 'notices',
            label: t('ttoOffice.tabs.notices'),
            children: <NoticesPanel institutionId={institution.id} />,
          },
          {
            key: 'listings',
            label: t('ttoOffice.tabs.listings'),
            children: <ListingsPanel institutionId={institution.id} />,
          },
          {
            key: 'settings',
            label: t('ttoOffice.tabs.settings'),
            children: <RightsSettingsPanel institutionId={institution.id} />,
          },
          {
            key: 'members',
            label: t('ttoOffice.tabs.members'),
            children: <MembershipRequestsPanel organisationId={institution.id} />,
          },
        ]}
      />
    </div>
  );
}
