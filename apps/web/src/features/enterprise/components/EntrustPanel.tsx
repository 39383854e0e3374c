import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, List, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import {
  DemandEntrustmentsQuery,
  EntrustDemandMutation,
  RevokeEntrustmentMutation,
  VerifiedAgenciesQuery,
} from '../operations';

interface EntrustValues {
  agencyId?: string;
  exclusiveDays?: number | null;
  note?: string;
}

/** 委托经纪人: the demand's active entrustments, entrusting a verified agency, revoking one. */
export function EntrustPanel({ demandId, canEntrust }: { demandId: string; canEntrust: boolean }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<EntrustValues>();
  const entrustments = useQuery(DemandEntrustmentsQuery, { variables: { id: demandId } });
  const agencies = useQuery(VerifiedAgenciesQuery, { skip: !open });
  const [entrust, entrusting] = useMutation(EntrustDemandMutation);
  const [revoke] = useMutation(RevokeEntrustmentMutation);
  const rows = entrustments.data?.entrustments ?? [];

  const submit = async () => {
    setFailure(null);
    let values: EntrustValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await entrust({
        variables: {
          input: {
            subjectType: 'DEMAND',
            subjectId: demandId,
            agencyId: values.agencyId,
            exclusiveDays: values.exclusiveDays ?? null,
            note: values.note?.trim() || null,
          },
        },
      });
      setOpen(false);
      form.resetFields();
      await entrustments.refetch();
    } catch (error) {
      setFailure(describeApiError(error).message);
    }
  };

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('enterprise.entrust.title')}</h2>}
      extra={canEntrust && <Button onClick={() => setOpen(true)}>{t('enterprise.entrust.open')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('enterprise.entrust.hint')}</Typography.Paragraph>
      <ListStates
        loading={entrustments.loading}
        error={entrustments.error}
        empty={rows.length === 0}
        emptyText={t('enterprise.entrust.none')}
        onRetry={() => void entrustments.refetch()}
      >
        <List
          dataSource={rows}
          renderItem={(row) => (
            <List.Item
              key={row.id}
              actions={[
                <Button
                  key="revoke"
                  size="small"
                  onClick={() =>
                    void revoke({ variables: { id: row.id } }).then(
                      () => entrustments.refetch(),
                      () => undefined,
                    )
                  }
                >
                  {t('enterprise.entrust.revoke')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={row.agency?.name ?? row.broker?.displayName ?? t('common.unknown')}
                description={[
                  t('enterprise.entrust.since', { date: formatDate(row.createdAt, i18n.language) }),
                  row.exclusiveUntil
                    ? t('enterprise.entrust.exclusiveUntil', { date: formatDate(row.exclusiveUntil, i18n.language) })
                    : null,
                  row.note,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </List.Item>
          )}
        />
      </ListStates>
      <Modal
        open={open}
        title={t('enterprise.entrust.dialogTitle')}
        okText={t('enterprise.entrust.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={entrusting.loading}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {failure && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={failure} />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="agencyId"
            label={t('enterprise.entrust.agency')}
            extra={t('enterprise.entrust.agencyHint')}
            rules={[{ required: true, message: t('enterprise.entrust.agencyRequired') }]}
          >
            <Select
              loading={agencies.loading}
              showSearch
              optionFilterProp="label"
              options={(agencies.data?.organisations ?? []).map((agency) => ({
                value: agency.id,
                label: agency.region ? `${agency.name}（${agency.region}）` : agency.name,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="exclusiveDays"
            label={t('enterprise.entrust.exclusiveDays')}
            extra={t('enterprise.entrust.exclusiveHint')}
          >
            <InputNumber min={1} max={365} precision={0} />
          </Form.Item>
          <Form.Item name="note" label={t('enterprise.entrust.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
