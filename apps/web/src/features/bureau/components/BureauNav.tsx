import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

const LINKS = [
  { to: '/workspace/bureau', key: 'dashboard', end: true },
  { to: '/workspace/bureau/ledger', key: 'ledger', end: false },
  { to: '/workspace/bureau/verification', key: 'verification', end: false },
  { to: '/workspace/bureau/rewards', key: 'rewards', end: false },
  { to: '/workspace/bureau/evaluation', key: 'evaluation', end: false },
  { to: '/workspace/bureau/outcomes', key: 'outcomes', end: false },
  { to: '/workspace/bureau/catalogue', key: 'catalogue', end: false },
  { to: '/workspace/bureau/consortia', key: 'consortia', end: false },
  { to: '/workspace/bureau/queues', key: 'queues', end: false },
] as const;

/** The bureau's screens, one link each. */
export function BureauNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('bureau.nav.label')} style={{ marginBottom: 16 }}>
      <Space size="large" wrap>
        {LINKS.map((link) => (
          <NavLink
            key={link.key}
            to={link.to}
            end={link.end}
            style={({ isActive }) => ({ fontWeight: isActive ? 600 : 400, color: isActive ? '#153e7a' : undefined })}
          >
            {t(`bureau.nav.${link.key}`)}
          </NavLink>
        ))}
      </Space>
    </nav>
  );
}
