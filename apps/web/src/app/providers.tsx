import { useMemo, type ReactNode } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createApolloClient } from './apollo';
import { i18n } from './i18n';
import { SessionProvider } from './session-context';

const FONT_STACK =
  "'Noto Sans SC', -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', sans-serif";

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  const english = current.language === 'en';
  dayjs.locale(english ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={english ? enUS : zhCN}
      // No space inserted between two Chinese characters in buttons ("登 录"): it breaks reading and search.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          fontFamily: FONT_STACK,
          colorPrimary: '#1d5fbf',
          colorLink: '#1d5fbf',
          colorInfo: '#1d5fbf',
          // Darker secondary texts than antd's defaults: WCAG AA contrast on the grey page background.
          colorTextSecondary: '#595959',
          colorTextDescription: '#595959',
          colorTextTertiary: '#595959',
          colorTextPlaceholder: '#6e6e6e',
          // antd's #ff4d4f is 3.3:1 on white: field errors next to the fields need AA contrast (4.5:1).
          colorError: '#b3261e',
          borderRadius: 6,
        },
      }}
    >
      {children}
    </ConfigProvider>
  );
}

/** Everything a screen needs around it: i18n, antd in the UI language, Apollo and the session. */
export function Providers({ children, onSessionExpired }: { children: ReactNode; onSessionExpired: () => void }) {
  const client = useMemo(() => createApolloClient(onSessionExpired), [onSessionExpired]);
  return (
    <I18nextProvider i18n={i18n}>
      <LocalisedAntd>
        <ApolloProvider client={client}>
          <SessionProvider>{children}</SessionProvider>
        </ApolloProvider>
      </LocalisedAntd>
    </I18nextProvider>
  );
}
