import { Button, Card, Descriptions, Input, List, message, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { BureauNav } from '../../bureau/components/BureauNav';
import type { CatalogueEntryStatus } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { formatDate } from '../../../shared/lib/format';
import { ListStates } from '../../../shared/ui/states';
import { CatalogueReviewQueueQuery, PublishCatalogueEntryMutation, RejectCatalogueEntryMutation } from '../operations';
import { CATALOGUE_STATUS_COLOURS } from '../status';

const STATUSES: CatalogueEntryStatus[] = ['PENDING', 'PUBLISHED', 'REJECTED'];

/** The bureau's review desk of the recommended catalogue: publish, or reject with a reason. */
export default function CatalogueReviewPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [status, setStatus] = useState<CatalogueEntryStatus>('PENDING');
  const { data, loading, error, refetch } = useQuery(CatalogueReviewQueueQuery, {
    variables: { status },
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  const [publish, publishing] = useMutation(PublishCatalogueEntryMutation);
  const [reject, rejecting] = useMutation(RejectCatalogueEntryMutation);
  const [rejectingId, setRejectingId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (!session) return <Navigate to="/sign-in?next=/workspace/bureau/catalogue" replace />;
  const entries = data?.catalogueReviewQueue ?? [];
  const failed = (failure: unknown) => message.error(describeApiError(failure).message);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('catalogue.review.title')}
      </Typography.Title>
      <BureauNav />
      <Space style={{ marginBottom: 16 }} wrap>
        <Segmented
          value={status}
          onChange={(value) => setStatus(value)}
          options={STATUSES.map((value) => ({ value, label: t(`catalogue.status.${value}`) }))}
        />
        <Link to="/catalogue">{t('catalogue.review.public')}</Link>
      </Space>
      <ListStates
        loading={loading && !data}
        error={error}
        empty={entries.length === 0}
        emptyText={t('catalogue.review.empty')}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={entries}
          renderItem={(entry) => (
            <List.Item key={entry.id}>
              <Card
                style={{ width: '100%' }}
                title={<h2 style={{ fontSize: 16, margin: 0 }}>{entry.productName}</h2>}
                extra={
                  <Tag color={CATALOGUE_STATUS_COLOURS[entry.status]}>{t(`catalogue.status.${entry.status}`)}</Tag>
                }
              >
                <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                  <Descriptions.Item label={t('catalogue.public.enterprise')}>{entry.enterpriseName}</Descriptions.Item>
                  <Descriptions.Item label={t('catalogue.public.achievement')}>
                    <Link to={`/achievements/${entry.achievementId}`}>{entry.achievementTitle}</Link>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('catalogue.public.description')} span={2}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{entry.description}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('bureau.verification.submittedAt')}>
                    {formatDate(entry.createdAt, i18n.language)}
                  </Descriptions.Item>
                  {entry.rejectionReason && (
                    <Descriptions.Item label={t('catalogue.review.reason')}>{entry.rejectionReason}</Descriptions.Item>
                  )}
                </Descriptions>
                {entry.status === 'PENDING' && (
                  <Space style={{ marginTop: 12 }}>
                    <Button
                      type="primary"
                      loading={publishing.loading}
                      aria-label={`${t('catalogue.review.publish')}: ${entry.productName}`}
                      onClick={() =>
                        void publish({ variables: { id: entry.id } }).then(async () => {
                          message.success(t('catalogue.review.published'));
                          await refetch();
                        }, failed)
                      }
                    >
                      {t('catalogue.review.publish')}
                    </Button>
                    <Button
                      aria-label={`${t('catalogue.review.reject')}: ${entry.productName}`}
                      onClick={() => {
                        setReason('');
                        setRejectingId(entry.id);
                      }}
                    >
                      {t('catalogue.review.reject')}
                    </Button>
                  </Space>
                )}
              </Card>
            </List.Item>
          )}
        />
      </ListStates>
      <Modal
        open={rejectingId !== null}
        title={t('catalogue.review.reject')}
        okText={t('catalogue.review.reject')}
        confirmLoading={rejecting.loading}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setRejectingId(null)}
        onOk={() =>
          void reject({ variables: { input: { id: rejectingId!, reason: reason.trim() } } }).then(async () => {
            setRejectingId(null);
            message.success(t('catalogue.review.rejected'));
            await refetch();
          }, failed)
        }
      >
        <label htmlFor="catalogue-reject-reason">{t('catalogue.review.reason')}</label>
        <Input.TextArea
          id="catalogue-reject-reason"
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder={t('catalogue.review.reasonRequired')}
        />
      </Modal>
    </div>
  );
}
