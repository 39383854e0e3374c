import { Button, Form, Input, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { followUpAnswer, type FollowUpFormValues } from '../logic';
import type { AnswerFollowUpInput } from '../../../gql/graphql';
import type { OutcomeFollowUpPartsFragment } from '../operations';

/** The outcome questionnaire: product, revenue, jobs, follow-on investment, a company founded (then its name). */
export function FollowUpForm({
  followUp,
  loading,
  onAnswer,
}: {
  followUp: OutcomeFollowUpPartsFragment;
  loading: boolean;
  onAnswer: (input: AnswerFollowUpInput) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FollowUpFormValues>();
  const founded = Form.useWatch('companyFounded', form);
  const yesNo = [
    { value: true, label: t('programmes.followUp.yes') },
    { value: false, label: t('programmes.followUp.no') },
  ];
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 560 }}
      initialValues={{
        productLaunched: followUp.productLaunched ?? false,
        companyFounded: followUp.companyFounded ?? false,
        companyName: followUp.companyName ?? '',
        revenueWan: followUp.revenueWan,
        jobsCreated: followUp.jobsCreated,
        followOnInvestmentWan: followUp.followOnInvestmentWan,
        note: followUp.note ?? '',
      }}
      onFinish={(values) => onAnswer(followUpAnswer(followUp.id, values))}
    >
      <Form.Item name="productLaunched" label={t('programmes.followUp.productLaunched')}>
        <Radio.Group options={yesNo} />
      </Form.Item>
      <Form.Item name="revenueWan" label={t('programmes.followUp.revenueWan')}>
        <InputNumber min={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="jobsCreated" label={t('programmes.followUp.jobsCreated')}>
        <InputNumber min={0} precision={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="followOnInvestmentWan" label={t('programmes.followUp.followOnInvestmentWan')}>
        <InputNumber min={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="companyFounded" label={t('programmes.followUp.companyFounded')}>
        <Radio.Group options={yesNo} />
      </Form.Item>
      {founded && (
        <Form.Item
          name="companyName"
          label={t('programmes.followUp.companyName')}
          rules={[{ required: true, whitespace: true, message: t('programmes.followUp.companyNameRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('programmes.followUp.note')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={loading}>
        {followUp.status === 'ANSWERED' ? t('programmes.followUp.update') : t('programmes.followUp.submit')}
      </Button>
    </Form>
  );
}
