import type { ReactNode } from 'react';
import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { NotFoundPage } from '../../../shared/ui/NotFoundPage';
import { ErrorState, PageLoading } from '../../../shared/ui/states';

/** A public page's frame: loading, not found (also what the API answers for what one may not see), error. */
export function DetailShell({
  loading,
  error,
  title,
  children,
  onRetry,
}: {
  loading: boolean;
  error?: unknown;
  title?: ReactNode;
  children?: ReactNode;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (loading && !title) return <PageLoading />;
  if (error) {
    if (describeApiError(error).code === 'NOT_FOUND') return <NotFoundPage />;
    return <ErrorState error={error} onRetry={onRetry} />;
  }
  return (
    <div>
      <Link to={-1 as unknown as string} onClick={(event) => (event.preventDefault(), window.history.back())}>
        ← {t('common.back')}
      </Link>
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 12 }}>
        {title}
      </Typography.Title>
      <Card>{children}</Card>
      <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('listing.contactHint')} />
    </div>
  );
}
