import type { ReactNode } from 'react';
import { Alert, Button, Empty, Skeleton, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../lib/graphql-errors';

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin />
      <div style={{ marginTop: 8, color: '#595959' }}>{t('common.loading')}</div>
    </div>
  );
}

export function ListLoading({ rows = 3 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common.loading')}>
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.error')}
      description={describeApiError(error).message}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function EmptyState({ description }: { description?: ReactNode }) {
  const { t } = useTranslation();
  return <Empty description={description ?? t('common.empty')} />;
}

/**
 * One place for the three states every list has: loading (nothing yet), error (with retry), empty; otherwise
 * the children.
 */
export function ListStates({
  loading,
  error,
  empty,
  emptyText,
  onRetry,
  children,
}: {
  loading: boolean;
  error?: unknown;
  empty: boolean;
  emptyText?: ReactNode;
  onRetry?: () => void;
  children: ReactNode;
}) {
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (loading && empty) return <ListLoading />;
  if (empty) return <EmptyState description={emptyText} />;
  return <>{children}</>;
}
