import { useState } from 'react';
import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  message,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import type { ExchangeResult } from '../../../gql/graphql';
import { formatWan, whenValid } from '../logic';
import {
  ExchangeHandoffPackageJsonQuery,
  ExchangeHandoffPackagePdfQuery,
  ExchangeHandoffsQuery,
  PrepareExchangeHandoffMutation,
  RecordExchangeListingMutation,
  RecordExchangeResultMutation,
  type ExchangeHandoffPartsFragment,
} from '../operations';
import { ExportButton } from './ExportButton';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';

const failed = (failure: unknown) => void message.error(describeApiError(failure).message);

function HandoffItem({ handoff }: { handoff: ExchangeHandoffPartsFragment }) {
  const { t, i18n } = useTranslation();
  const [recordListing, listing] = useMutation(RecordExchangeListingMutation);
  const [recordResult, resulting] = useMutation(RecordExchangeResultMutation, { refetchQueries: ['DealPage'] });
  const [listingNumber, setListingNumber] = useState('');
  const [resultOpen, setResultOpen] = useState(false);
  const [form] = Form.useForm<{ result: ExchangeResult; priceWan?: number | null; note?: string }>();
  return (
    <List.Item style={{ display: 'block' }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={handoff.status === 'LISTED' ? 'blue' : handoff.status === 'CLOSED' ? TAG_COLOURS.mode : 'default'}>
          {t(`programmes.handoff.status.${handoff.status}`)}
        </Tag>
        <span className="secondary">
          {t('programmes.handoff.createdAt', { date: formatDate(handoff.createdAt, i18n.language) })}
        </span>
        <ExportButton
          size="small"
          load={async (client) =>
            (
              await client.query({
                query: ExchangeHandoffPackagePdfQuery,
                variables: { id: handoff.id },
                fetchPolicy: 'no-cache',
              })
            ).data?.exchangeHandoff.packagePdf
          }
        >
          {t('programmes.handoff.pdf')}
        </ExportButton>
        <ExportButton
          size="small"
          load={async (client) =>
            (
              await client.query({
                query: ExchangeHandoffPackageJsonQuery,
                variables: { id: handoff.id },
                fetchPolicy: 'no-cache',
              })
            ).data?.exchangeHandoff.packageJson
          }
        >
          {t('programmes.handoff.json')}
        </ExportButton>
      </Space>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('programmes.handoff.listingNumber')}>
          {handoff.exchangeListingNumber ?? '—'}
          {handoff.listedAt ? ` · ${formatDate(handoff.listedAt, i18n.language)}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.handoff.resultLabel')}>
          {handoff.result ? t(`programmes.handoff.result.${handoff.result}`) : '—'}
          {handoff.resultPriceWan !== null && handoff.resultPriceWan !== undefined
            ? ` · ${t('programmes.wan', { value: formatWan(handoff.resultPriceWan) })}`
            : ''}
          {handoff.resultNote ? ` · ${handoff.resultNote}` : ''}
        </Descriptions.Item>
      </Descriptions>
      {handoff.status === 'PREPARED' && (
        <Space.Compact style={{ marginTop: 8 }}>
          <Input
            aria-label={t('programmes.handoff.listingNumber')}
            placeholder={t('programmes.handoff.listingNumber')}
            value={listingNumber}
            maxLength={100}
            onChange={(event) => setListingNumber(event.target.value)}
          />
          <Button
            loading={listing.loading}
            disabled={!listingNumber.trim()}
            onClick={() =>
              void recordListing({ variables: { handoffId: handoff.id, listingNumber: listingNumber.trim() } }).then(
                () => void message.success(t('programmes.handoff.listed')),
                failed,
              )
            }
          >
            {t('programmes.handoff.recordListing')}
          </Button>
        </Space.Compact>
      )}
      {handoff.status === 'LISTED' && (
        <Button style={{ marginTop: 8 }} onClick={() => setResultOpen(true)}>
          {t('programmes.handoff.recordResult')}
        </Button>
      )}
      <Modal
        open={resultOpen}
        title={t('programmes.handoff.recordResult')}
        okText={t('programmes.handoff.recordResult')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: resulting.loading }}
        onCancel={() => setResultOpen(false)}
        destroyOnHidden
        onOk={() =>
          whenValid(form, (values) =>
            recordResult({
              variables: {
                input: {
                  handoffId: handoff.id,
                  result: values.result,
                  priceWan: values.priceWan ?? null,
                  note: values.note?.trim() || null,
                },
              },
            }).then(() => {
              setResultOpen(false);
              void message.success(t('programmes.handoff.resultRecorded'));
            }, failed),
          )
        }
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ result: 'TRADED' }}>
          <Form.Item name="result" label={t('programmes.handoff.resultLabel')} rules={[{ required: true }]}>
            <Select
              options={(['TRADED', 'NOT_TRADED', 'WITHDRAWN'] as const).map((r) => ({
                value: r,
                label: t(`programmes.handoff.result.${r}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="priceWan" label={t('programmes.handoff.priceWan')}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('programmes.handoff.resultNote')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </List.Item>
  );
}

/**
 * 进场交易 on a deal's page (or a listing's): the hand-off packages for the provincial exchange, their listing
 * numbers and results. The API decides who may prepare and record (the broker, the institution's TTO).
 */
export default function ExchangeHandoffCard({
  dealId,
  achievementId,
  mayPrepare,
}: {
  dealId?: string;
  achievementId?: string;
  mayPrepare: boolean;
}) {
  const { t } = useTranslation();
  const variables = dealId ? { dealId } : { achievementId };
  const { data, loading, refetch } = useQuery(ExchangeHandoffsQuery, { variables, fetchPolicy: 'cache-and-network' });
  const [prepare, preparing] = useMutation(PrepareExchangeHandoffMutation);
  const handoffs = data?.exchangeHandoffs ?? [];
  return (
    <Card title={t('programmes.handoff.title')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph className="secondary" style={{ fontSize: 13 }}>
        {t('programmes.handoff.intro')}
      </Typography.Paragraph>
      {handoffs.length === 0 ? (
        !loading && <p className="secondary">{t('programmes.handoff.empty')}</p>
      ) : (
        <List dataSource={handoffs} renderItem={(handoff) => <HandoffItem key={handoff.id} handoff={handoff} />} />
      )}
      {mayPrepare && handoffs.every((handoff) => handoff.status === 'CLOSED') && (
        <Button
          type="primary"
          style={{ marginTop: 8 }}
          loading={preparing.loading}
          onClick={() =>
            void prepare({ variables: { input: variables } }).then(async () => {
              void message.success(t('programmes.handoff.prepared'));
              await refetch();
            }, failed)
          }
        >
          {t('programmes.handoff.prepare')}
        </Button>
      )}
    </Card>
  );
}
