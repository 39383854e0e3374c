import { Card, Table } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ListStates } from '../../../shared/ui/states';
import { ConsortiumSpaceReadsQuery } from '../operations';

/** The members-only space's access log, for the lead enterprise's people: who read what, and when. */
export function SpaceReadLog({ consortiumId }: { consortiumId: string }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(ConsortiumSpaceReadsQuery, {
    variables: { id: consortiumId },
    fetchPolicy: 'network-only',
  });
  const reads = data?.consortiumSpaceReads ?? [];
  return (
    <Card title={t('consortia.log.title')} style={{ marginBottom: 16 }}>
      <ListStates loading={loading} error={error} empty={false} onRetry={() => void refetch()}>
        <Table
          rowKey="id"
          size="small"
          dataSource={reads}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('consortia.log.empty') }}
          columns={[
            { title: t('consortia.log.when'), render: (_, r) => new Date(r.readAt).toLocaleString(i18n.language) },
            { title: t('consortia.log.who'), render: (_, r) => r.reader?.displayName ?? '—' },
            { title: t('consortia.log.what'), render: (_, r) => t(`consortia.log.subject.${r.subject}`) },
          ]}
        />
      </ListStates>
    </Card>
  );
}
