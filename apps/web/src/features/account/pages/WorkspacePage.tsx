import { Alert, Button, Card, List, message, Space, Tag, Typography } from 'antd';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { ListStates } from '../../../shared/ui/states';
import { MeQuery, ResendVerificationMutation } from '../operations';

const STATUS_COLOURS: Record<string, string> = {
  ACTIVE: TAG_COLOURS.mode,
  PENDING: TAG_COLOURS.warning,
  REJECTED: TAG_COLOURS.danger,
  REMOVED: 'default',
};

/** The signed-in home: who I am, my roles per organisation (pending requests shown as such), the active role. */
export default function WorkspacePage() {
  const { t } = useTranslation();
  const { session, activeRole } = useSession();
  const { data, loading, error, refetch } = useQuery(MeQuery, { skip: !session });
  const [resend, resent] = useMutation(ResendVerificationMutation);
  if (!session) return <Navigate to="/sign-in?next=/workspace" replace />;
  const me = data?.me;
  const memberships = me?.memberships ?? [];
  const activeRoles = memberships.filter((m) => m.status === 'ACTIVE').map((m) => m.role);
  const role = activeRole && activeRoles.includes(activeRole) ? activeRole : activeRoles[0];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('workspace.welcome', { name: me?.displayName ?? session.user.displayName })}
        {role && (
          <Tag color="blue" style={{ marginLeft: 12, verticalAlign: 'middle' }}>
            {t(`roles.${role}`)}
          </Tag>
        )}
      </Typography.Title>
      {me && !me.emailVerified && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('workspace.emailUnverified')}
          action={
            <Button
              size="small"
              loading={resent.loading}
              onClick={() =>
                void resend().then(
                  () => message.success(t('workspace.verificationSent')),
                  () => undefined,
                )
              }
            >
              {t('workspace.resendVerification')}
            </Button>
          }
        />
      )}
      <Card title={t('workspace.memberships')}>
        <ListStates
          loading={loading}
          error={error}
          empty={memberships.length === 0}
          emptyText={t('workspace.noMemberships')}
          onRetry={() => void refetch()}
        >
          <List
            dataSource={memberships}
            renderItem={(membership) => (
              <List.Item key={membership.id}>
                <List.Item.Meta
                  title={membership.organisation.name}
                  description={
                    membership.status === 'PENDING'
                      ? t('workspace.pendingHint')
                      : membership.rejectionReason
                        ? t('workspace.rejectionReason', { reason: membership.rejectionReason })
                        : t(`orgKinds.${membership.organisation.kind}`)
                  }
                />
                <Tag>{t(`roles.${membership.role}`)}</Tag>
                <Tag color={STATUS_COLOURS[membership.status]}>{t(`workspace.status.${membership.status}`)}</Tag>
              </List.Item>
            )}
          />
        </ListStates>
      </Card>
      {role === 'RESEARCHER' && (
        <Card style={{ marginTop: 16 }}>
          <Space wrap size="large">
            <Link to="/workspace/achievements">{t('myAchievements.link')}</Link>
            <Link to="/workspace/expert-profile">{t('researcher.expert.link')}</Link>
            <Link to="/workspace/rewards">{t('programmes.nav.myRewards')}</Link>
            <Link to="/workspace/expert-calls/invitations">{t('expertCalls.my.link')}</Link>
            <Link to="/workspace/consortia">{t('workspace.consortia')}</Link>
          </Space>
        </Card>
      )}
      {role === 'ENTERPRISE_MEMBER' && (
        <Card style={{ marginTop: 16 }}>
          <Space wrap size="large">
            <Link to="/workspace/demands">{t('enterprise.nav.myDemands')}</Link>
            {memberships.some(
              (m) =>
                m.status === 'ACTIVE' &&
                m.role === 'ENTERPRISE_MEMBER' &&
                (m.organisation.kind === 'GOVERNMENT' || m.organisation.stateOwned),
            ) && <Link to="/workspace/demands/new?kind=APPLICATION_SCENARIO">{t('scenario.nav.newScenario')}</Link>}
            {memberships.some(
              (m) => m.status === 'ACTIVE' && m.role === 'ENTERPRISE_MEMBER' && m.organisation.kind === 'ENTERPRISE',
            ) && <Link to="/workspace/catalogue">{t('workspace.catalogueApply')}</Link>}
            <Link to="/workspace/my-introductions">{t('enterprise.nav.introductions')}</Link>
            <Link to="/workspace/follow-ups">{t('programmes.nav.followUps')}</Link>
            <Link to="/workspace/consortia">{t('workspace.consortia')}</Link>
          </Space>
        </Card>
      )}
      {role === 'TTO_OFFICER' && (
        <Card style={{ marginTop: 16 }}>
          <Space wrap size="large">
            <Link to="/workspace/reviews">{t('tto.link')}</Link>
            <Link to="/workspace/office/notices">{t('ttoOffice.tabs.notices')}</Link>
            <Link to="/workspace/office/listings">{t('ttoOffice.tabs.listings')}</Link>
            <Link to="/workspace/office/settings">{t('ttoOffice.tabs.settings')}</Link>
            <Link to="/workspace/office/members">{t('ttoOffice.tabs.members')}</Link>
            <Link to="/workspace/events">{t('events.workspace.link')}</Link>
            <Link to="/workspace/rewards">{t('programmes.nav.myRewards')}</Link>
            <Link to="/workspace/annual-report">{t('programmes.annual.link')}</Link>
            <Link to="/workspace/consortia">{t('workspace.consortia')}</Link>
            <Link to="/workspace/consortia/invitations">{t('workspace.consortiumInvitations')}</Link>
            {memberships.some(
              (m) => m.status === 'ACTIVE' && m.role === 'TTO_OFFICER' && m.organisation.kind === 'NEW_RD_INSTITUTION',
            ) && <Link to="/workspace/evaluation-report">{t('programmes.nav.annualReport')}</Link>}
          </Space>
        </Card>
      )}
      {role === 'BROKER' && (
        <Card style={{ marginTop: 16 }}>
          <Space wrap size="large">
            <Link to="/workspace/broker/queue">{t('broker.nav.workspaceLink')}</Link>
            <Link to="/workspace/events">{t('events.workspace.link')}</Link>
          </Space>
        </Card>
      )}
      {role === 'ADMIN' && (
        <Card style={{ marginTop: 16 }}>
          <Space wrap size="large">
            <Link to="/workspace/bureau">{t('bureau.link')}</Link>
            <Link to="/workspace/events">{t('events.workspace.link')}</Link>
            <Link to="/workspace/expert-calls">{t('expertCalls.bureau.link')}</Link>
            <Link to="/workspace/bureau/catalogue">{t('workspace.catalogueReview')}</Link>
            <Link to="/workspace/bureau/consortia">{t('bureau.nav.consortia')}</Link>
          </Space>
        </Card>
      )}
      {role && <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('workspace.comingSoon')} />}
    </div>
  );
}
