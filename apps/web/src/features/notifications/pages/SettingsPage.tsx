import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { DigestSettingsPanel } from '../components/DigestSettingsPanel';
import { NotificationPreferencesPanel } from '../components/NotificationPreferencesPanel';
import { WebhookPanel } from '../components/WebhookPanel';

const SECTIONS = ['notifications', 'digest', 'webhook'] as const;
type Section = (typeof SECTIONS)[number];

/** Account settings: notification channels per kind, the digest (with a preview), the webhook. One URL per tab. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const { section = 'notifications' } = useParams();
  if (!SECTIONS.includes(section as Section)) return <Navigate to="/settings/notifications" replace />;
  if (!session) return <Navigate to={`/sign-in?next=/settings/${section}`} replace />;
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('notifications.settings.title')}
      </Typography.Title>
      <Tabs
        activeKey={section}
        onChange={(key) => void navigate(`/settings/${key}`)}
        destroyOnHidden
        items={[
          {
            key: 'notifications',
            label: t('notifications.settings.tabs.notifications'),
            children: <NotificationPreferencesPanel />,
          },
          { key: 'digest', label: t('notifications.settings.tabs.digest'), children: <DigestSettingsPanel /> },
          { key: 'webhook', label: t('notifications.settings.tabs.webhook'), children: <WebhookPanel /> },
        ]}
      />
    </div>
  );
}
