import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

const linkStyle = ({ isActive }: { isActive: boolean }) => ({
  padding: '6px 14px',
  borderRadius: 6,
  background: isActive ? '#153e7a' : '#fff',
  color: isActive ? '#fff' : '#153e7a',
  border: '1px solid #153e7a',
  fontWeight: isActive ? 600 : 400,
});

/** The broker workspace's own navigation: work queue, pipeline board, my performance. */
export function BrokerNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('broker.nav.label')} style={{ display: 'flex', gap: 8, marginBottom: 16, flexWrap: 'wrap' }}>
      <NavLink to="/workspace/broker/queue" style={linkStyle}>
        {t('broker.nav.queue')}
      </NavLink>
      <NavLink to="/workspace/broker/deals" end style={linkStyle}>
        {t('broker.nav.board')}
      </NavLink>
      <NavLink to="/workspace/broker/performance" style={linkStyle}>
        {t('broker.nav.performance')}
      </NavLink>
    </nav>
  );
}
