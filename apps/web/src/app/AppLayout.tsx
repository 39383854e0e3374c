import { lazy, Suspense } from 'react';
import { Button, Layout, Space } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { PageLoading } from '../shared/ui/states';
import { loadFeatureMessages, setLanguage } from './i18n';
import { useSession } from './session-context';

const { Header, Content, Footer } = Layout;

const navStyle = ({ isActive }: { isActive: boolean }) => ({
  color: isActive ? '#fff' : 'rgba(255,255,255,0.85)',
  fontWeight: isActive ? 600 : 400,
  padding: '0 12px',
});

// Signed-in controls (role switcher, account menu) load on demand: the signed-out landing page stays small. With
// them the notifications' messages (the bell, the menu).
const SignedInMenu = lazy(() =>
  Promise.all([import('./SignedInMenu'), loadFeatureMessages(['notifications'])]).then(([module]) => module),
);

function AccountMenu() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (session) {
    return (
      <Suspense fallback={null}>
        <SignedInMenu />
      </Suspense>
    );
  }
  return (
    <Space>
      <Link to="/sign-in" style={{ color: '#fff' }}>
        {t('nav.signIn')}
      </Link>
      <Link to="/register" style={{ color: '#fff' }}>
        {t('nav.register')}
      </Link>
    </Space>
  );
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '0 24px', background: '#153e7a' }}>
        <Link to="/" style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.mainNavigation')} style={{ display: 'flex', flex: 1 }}>
          <NavLink to="/search" style={navStyle}>
            {t('nav.search')}
          </NavLink>
          <NavLink to="/notices" style={navStyle}>
            {t('nav.notices')}
          </NavLink>
          <NavLink to="/events" style={navStyle}>
            {t('events.nav')}
          </NavLink>
          <NavLink to="/catalogue" style={navStyle}>
            {t('nav.catalogue')}
          </NavLink>
        </nav>
        <Space size="middle">
          <Button
            size="small"
            type="text"
            icon={<GlobalOutlined />}
            style={{ color: '#fff' }}
            aria-label={`${t('nav.language')}: ${i18n.language === 'en' ? '中文' : 'English'}`}
            lang={i18n.language === 'en' ? 'zh-CN' : 'en'}
            onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
          >
            {i18n.language === 'en' ? '中文' : 'English'}
          </Button>
          <AccountMenu />
        </Space>
      </Header>
      <Content id="main" style={{ padding: '24px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Content>
      <Footer style={{ textAlign: 'center' }}>
        <span className="secondary">{t('app.footer')}</span>
      </Footer>
    </Layout>
  );
}
