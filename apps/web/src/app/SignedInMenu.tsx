import { Button, Dropdown, Select, Space } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MeQuery } from '../features/account/operations';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { useSession, type RoleName } from './session-context';

/** Role switcher: one person may hold several roles (per organisation); the choice picks the workspace. */
function RoleSwitcher() {
  const { t } = useTranslation();
  const { session, activeRole, setActiveRole } = useSession();
  const { data } = useQuery(MeQuery, { skip: !session });
  const active = (data?.me.memberships ?? []).filter((m) => m.status === 'ACTIVE');
  const roles = [...new Set(active.map((m) => m.role))];
  if (roles.length === 0) return null;
  const current = activeRole && roles.includes(activeRole) ? activeRole : roles[0];
  return (
    <Select
      aria-label={t('nav.role')}
      size="small"
      value={current}
      style={{ minWidth: 128 }}
      onChange={(role: RoleName) => setActiveRole(role)}
      options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
    />
  );
}

export default function SignedInMenu() {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  if (!session) return null;
  return (
    <Space>
      <NotificationBell />
      <RoleSwitcher />
      <Dropdown
        menu={{
          items: [
            { key: 'workspace', label: t('nav.workspace'), onClick: () => void navigate('/workspace') },
            { key: 'notifications', label: t('notifications.title'), onClick: () => void navigate('/notifications') },
            {
              key: 'settings',
              label: t('notifications.settings.title'),
              onClick: () => void navigate('/settings/notifications'),
            },
            {
              key: 'sign-out',
              label: t('nav.signOut'),
              onClick: () => void signOut().then(() => navigate('/')),
            },
          ],
        }}
      >
        <Button size="small" icon={<UserOutlined />} aria-label={t('nav.account')}>
          {session.user.displayName}
        </Button>
      </Dropdown>
    </Space>
  );
}
