import { Alert, Button, Card, message, Space, Statistic, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState } from '../../../shared/ui/states';
import { BureauNav } from '../components/BureauNav';
import { IssueQueueDashboardTicketMutation, OutboxDeadLettersQuery } from '../operations';

/**
 * 任务队列: the worker's queue dashboard (bull-board at /admin/queues, opened with a short-lived ticket) and the
 * search changes waiting in the dead-letter list.
 */
export default function QueuesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const deadLetters = useQuery(OutboxDeadLettersQuery, { skip: !session, fetchPolicy: 'cache-and-network' });
  const [issue, issuing] = useMutation(IssueQueueDashboardTicketMutation);
  if (!session) return <Navigate to="/sign-in?next=/workspace/bureau/queues" replace />;
  const open = () => {
    // The window opens at once (a pop-up blocker allows it), then goes to the ticket's URL.
    const target = window.open('about:blank', '_blank');
    void issue().then(
      (result) => {
        const url = result.data?.ticket.url;
        if (target && url) target.location.href = url;
      },
      (failure: unknown) => {
        target?.close();
        message.error(describeApiError(failure).message);
      },
    );
  };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('bureau.queues.title')}
      </Typography.Title>
      <BureauNav />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('bureau.queues.dashboard')}</h2>}>
          <p>{t('bureau.queues.dashboardHint')}</p>
          <Button type="primary" loading={issuing.loading} onClick={open}>
            {t('bureau.queues.open')}
          </Button>
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('bureau.queues.deadLetters')}</h2>}>
          {deadLetters.error ? (
            <ErrorState error={deadLetters.error} onRetry={() => void deadLetters.refetch()} />
          ) : (
            <>
              <Statistic
                title={t('bureau.queues.deadLetterCount')}
                value={deadLetters.data?.deadLetters.totalCount ?? 0}
                loading={deadLetters.loading && !deadLetters.data}
              />
              {(deadLetters.data?.deadLetters.totalCount ?? 0) > 0 && (
                <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('bureau.queues.deadLetterHint')} />
              )}
            </>
          )}
        </Card>
      </Space>
    </div>
  );
}
