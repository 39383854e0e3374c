import { useState } from 'react';
import { Alert, Form, Modal, Radio, Space } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { MatchDeclineReason } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ENTERPRISE_DECLINE_REASONS } from '../decline-reasons';
import { DeclineMatchMutation } from '../operations';

/** 不合适: a reason from the fixed list is required before the decline is sent (the engine learns from it). */
export function DeclineMatchDialog({
  matchId,
  title,
  onClose,
  onDeclined,
}: {
  matchId: string;
  title: string;
  onClose: () => void;
  onDeclined: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<MatchDeclineReason | null>(null);
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [decline, { loading }] = useMutation(DeclineMatchMutation);
  const submit = async () => {
    setFailure(null);
    if (!reason) {
      setMissing(true);
      return;
    }
    try {
      await decline({ variables: { matchId, reason } });
      onDeclined();
    } catch (error) {
      setFailure(describeApiError(error).message);
    }
  };
  return (
    <Modal
      open
      title={t('enterprise.decline.title', { title })}
      okText={t('enterprise.decline.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={loading}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={failure} />}
      <Form layout="vertical">
        <Form.Item
          label={t('enterprise.decline.reason')}
          required
          validateStatus={missing ? 'error' : undefined}
          help={missing ? t('enterprise.decline.reasonRequired') : t('enterprise.decline.reasonHint')}
        >
          <Radio.Group
            aria-label={t('enterprise.decline.reason')}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value as MatchDeclineReason);
              setMissing(false);
            }}
          >
            <Space direction="vertical">
              {ENTERPRISE_DECLINE_REASONS.map((value) => (
                <Radio key={value} value={value}>
                  {t(`enterprise.declineReasons.${value}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
