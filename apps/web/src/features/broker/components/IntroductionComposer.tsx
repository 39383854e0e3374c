import { Alert, Descriptions, Form, Input, message, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ProposeIntroductionMutation, type BrokerMatchPartsFragment } from '../operations';
import { targetTitle } from './labels';

/** The introduction composer: the pair, a message both sides read, the consent rule; sends proposeIntroduction. */
export function IntroductionComposer({
  match,
  onClose,
  onSent,
}: {
  match: BrokerMatchPartsFragment | null;
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ message: string }>();
  const [propose, proposing] = useMutation(ProposeIntroductionMutation, {
    refetchQueries: ['BrokerWorkQueue', 'PipelineBoard'],
  });
  const send = async () => {
    if (!match) return;
    const { message: text } = await form.validateFields();
    try {
      await propose({ variables: { input: { matchId: match.id, message: text } } });
      message.success(t('broker.composer.sent'));
      onSent();
    } catch (failure) {
      const problem = describeApiError(failure);
      if (problem.fields.message) form.setFields([{ name: 'message', errors: problem.fields.message }]);
      else message.error(problem.message);
    }
  };
  return (
    <Modal
      open={!!match}
      title={t('broker.composer.title')}
      okText={t('broker.composer.send')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: proposing.loading }}
      onOk={() => void send().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {match && (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('broker.composer.demandSide')}>
              {match.demand?.title ?? '—'}
              {match.demand?.organisation ? ` · ${match.demand.organisation.name}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('broker.composer.targetSide')}>
              {targetTitle(match, (name) => t('broker.queue.expert', { name }))}
              {match.achievement?.institution ? ` · ${match.achievement.institution.name}` : ''}
            </Descriptions.Item>
          </Descriptions>
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={{ message: t('broker.composer.defaultMessage') }}
          >
            <Form.Item
              name="message"
              label={t('broker.composer.message')}
              rules={[{ required: true, whitespace: true, message: t('broker.composer.messageRequired') }]}
            >
              <Input.TextArea rows={5} maxLength={4000} showCount />
            </Form.Item>
          </Form>
          <Alert type="info" showIcon title={t('broker.composer.consentHint')} />
        </>
      )}
    </Modal>
  );
}
