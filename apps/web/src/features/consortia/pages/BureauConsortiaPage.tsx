import { useState } from 'react';
import { Button, Card, Descriptions, List, message, Popconfirm, Segmented, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { BureauNav } from '../../bureau/components/BureauNav';
import { CONSORTIUM_STATUS_COLOURS } from '../logic';
import { BureauConsortiaQuery, ConsortiumOutputsQuery, RecogniseConsortiumMutation } from '../operations';

const FILTERS = ['ALL', 'ACTIVE', 'RECOGNISED', 'DRAFT', 'CLOSED'] as const;

/** A consortium's outputs for the bureau: its contracts (signed, registered) and linked listings and demands. */
function Outputs({ consortiumId }: { consortiumId: string }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(ConsortiumOutputsQuery, { variables: { id: consortiumId } });
  const outputs = data?.consortiumOutputs;
  return (
    <ListStates loading={loading} error={error} empty={!outputs} onRetry={() => void refetch()}>
      {outputs && (
        <div>
          <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
            <Descriptions.Item label={t('consortia.bureau.contracts')}>{outputs.contracts.length}</Descriptions.Item>
            <Descriptions.Item label={t('consortia.bureau.contractValue')}>
              {t('consortia.bureau.wan', { value: outputs.contractValueWan.toLocaleString(i18n.language) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('consortia.bureau.listings')}>{outputs.listings.length}</Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="dealId"
            size="small"
            pagination={false}
            dataSource={outputs.contracts}
            locale={{ emptyText: t('consortia.bureau.noContracts') }}
            columns={[
              { title: t('consortia.bureau.registrationNumber'), render: (_, c) => c.registrationNumber ?? '—' },
              { title: t('consortia.bureau.stage'), render: (_, c) => t(`consortia.dealStage.${c.stage}`, c.stage) },
              {
                title: t('consortia.bureau.value'),
                render: (_, c) =>
                  c.contractValueWan === null || c.contractValueWan === undefined
                    ? '—'
                    : t('consortia.bureau.wan', { value: c.contractValueWan.toLocaleString(i18n.language) }),
              },
              { title: t('consortia.bureau.why'), render: (_, c) => t(`consortia.bureau.reason.${c.reason}`) },
            ]}
          />
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('consortia.bureau.linkedListings')}
          </Typography.Title>
          <List
            size="small"
            dataSource={[...outputs.listings, ...outputs.demands]}
            locale={{ emptyText: t('consortia.detail.noLinks') }}
            renderItem={(item) => (
              <List.Item key={item.id}>
                <Tag>{t(`consortia.linkKind.${item.kind}`)}</Tag> {item.title}
              </List.Item>
            )}
          />
        </div>
      )}
    </ListStates>
  );
}

/** The bureau's consortia desk: every consortium, recognise an active one, read its outputs. */
export default function BureauConsortiaPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('ALL');
  const { data, loading, error, refetch } = useQuery(BureauConsortiaQuery, {
    variables: { status: filter === 'ALL' ? null : filter },
  });
  const [recognise, recognising] = useMutation(RecogniseConsortiumMutation);
  const consortia = data?.consortia ?? [];
  const onRecognise = async (id: string) => {
    try {
      await recognise({ variables: { id } });
      void message.success(t('consortia.bureau.recognised'));
      await refetch();
    } catch (problem) {
      void message.error(describeApiError(problem).message);
    }
  };
  return (
    <div>
      <BureauNav />
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('consortia.bureau.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('consortia.bureau.intro')}</Typography.Paragraph>
      <Segmented
        style={{ marginBottom: 16 }}
        value={filter}
        onChange={(value) => setFilter(value)}
        options={FILTERS.map((f) => ({
          value: f,
          label: f === 'ALL' ? t('consortia.bureau.all') : t(`consortia.status.${f}`),
        }))}
      />
      <Card>
        <ListStates
          loading={loading}
          error={error}
          empty={consortia.length === 0}
          emptyText={t('consortia.bureau.empty')}
          onRetry={() => void refetch()}
        >
          <Table
            rowKey="id"
            pagination={false}
            dataSource={consortia}
            expandable={{
              expandedRowRender: (row) => <Outputs consortiumId={row.id} />,
            }}
            columns={[
              { title: t('consortia.form.name'), dataIndex: 'name' },
              { title: t('consortia.form.lead'), render: (_, c) => c.leadOrganisation?.name ?? '—' },
              {
                title: t('consortia.detail.members'),
                render: (_, c) =>
                  c.members
                    .filter((m) => m.status === 'ACCEPTED')
                    .map((m) => `${m.organisation?.name ?? '—'}（${t(`consortia.role.${m.role}`)}）`)
                    .join('、'),
              },
              {
                title: t('consortia.bureau.status'),
                render: (_, c) => (
                  <Tag color={CONSORTIUM_STATUS_COLOURS[c.status]}>{t(`consortia.status.${c.status}`)}</Tag>
                ),
              },
              {
                title: t('consortia.bureau.actions'),
                render: (_, c) =>
                  c.status === 'ACTIVE' ? (
                    <Popconfirm
                      title={t('consortia.bureau.recogniseConfirm', { name: c.name })}
                      okText={t('consortia.bureau.recogniseOk')}
                      cancelText={t('consortia.cancel')}
                      onConfirm={() => void onRecognise(c.id)}
                    >
                      <Button loading={recognising.loading}>{t('consortia.bureau.recognise')}</Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        </ListStates>
      </Card>
    </div>
  );
}
