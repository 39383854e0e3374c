import { useEffect, useRef } from 'react';
import { Button, Result, Spin } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { AuthCard } from '../components/AuthCard';
import { VerifyEmailMutation } from '../operations';

/** The page the verification email links to (`/verify-email?token=…`): verifies once on arrival. */
export default function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [verify, { data, error, called }] = useMutation(VerifyEmailMutation);
  const sent = useRef(false);
  useEffect(() => {
    // The token is single use: StrictMode's second effect run must not spend it twice.
    if (!token || sent.current) return;
    sent.current = true;
    void verify({ variables: { token } }).catch(() => undefined);
  }, [token, verify]);

  const toSignIn = (
    <Link to="/sign-in" key="sign-in">
      <Button type="primary">{t('auth.toSignIn')}</Button>
    </Link>
  );
  return (
    <AuthCard title={t('auth.verifyTitle')}>
      {!token ? (
        <Result status="warning" title={t('auth.missingToken')} />
      ) : error ? (
        <Result status="error" title={t('auth.verifyFailed')} subTitle={describeApiError(error).message} />
      ) : data?.verifyEmail ? (
        <Result status="success" title={t('auth.verified')} extra={[toSignIn]} />
      ) : (
        <div role="status" style={{ textAlign: 'center', padding: 24 }}>
          <Spin /> {called ? t('auth.verifying') : null}
        </div>
      )}
    </AuthCard>
  );
}
