import { useState } from 'react';
import { Alert, Button, Form, Input, message, Modal, Select } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ExpressListingInterestMutation, ListingInterestOptionsQuery } from '../operations';

/**
 * 请求引荐 on a listed achievement's public page, for an enterprise member: choose one of the company's open
 * demands and leave a message; brokers see the request in their work queue (expressListingInterest).
 */
export default function AskIntroductionButton({
  achievementId,
  organisationId,
}: {
  achievementId: string;
  organisationId: string;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ demandId: string; message?: string }>();
  const { data } = useQuery(ListingInterestOptionsQuery, {
    variables: { achievementId, organisationId },
    fetchPolicy: 'cache-and-network',
  });
  const [express, expressing] = useMutation(ExpressListingInterestMutation, {
    refetchQueries: ['ListingInterestOptions'],
  });
  const demands = data?.demands.nodes ?? [];
  const asked = data?.myListingInterests ?? [];
  const titleOf = (demandId: string) => demands.find((demand) => demand.id === demandId)?.title ?? '';
  const send = async () => {
    const values = await form.validateFields();
    try {
      await express({
        variables: { input: { achievementId, demandId: values.demandId, message: values.message ?? null } },
      });
      message.success(t('broker.interest.sent'));
      setOpen(false);
    } catch (failure) {
      message.error(describeApiError(failure).message);
    }
  };
  return (
    <div style={{ marginTop: 12 }}>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('broker.interest.button')}
      </Button>
      {asked.map((interest) => (
        <div key={interest.id} className="secondary" style={{ fontSize: 13, marginTop: 6 }}>
          {t('broker.interest.already', {
            date: formatDate(interest.createdAt, i18n.language),
            demand: titleOf(interest.demandId),
          })}
        </div>
      ))}
      <Modal
        open={open}
        title={t('broker.interest.title')}
        okText={t('broker.interest.send')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: expressing.loading, disabled: demands.length === 0 }}
        onOk={() => void send().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('broker.interest.hint')} />
        {demands.length === 0 ? (
          <Alert type="warning" showIcon title={t('broker.interest.noDemands')} />
        ) : (
          <Form form={form} layout="vertical" preserve={false} initialValues={{ demandId: demands[0]?.id }}>
            <Form.Item
              name="demandId"
              label={t('broker.interest.demand')}
              rules={[{ required: true, message: t('broker.interest.demandRequired') }]}
            >
              <Select options={demands.map((demand) => ({ value: demand.id, label: demand.title }))} />
            </Form.Item>
            <Form.Item name="message" label={t('broker.interest.message')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </div>
  );
}
