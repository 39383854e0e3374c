import { Alert, Form, Input, message, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { AmendDealRegistrationMutation } from '../operations';
import { RegistrationAmountFields, RegistrationNumberField } from './RegistrationFields';
import { needsDifferenceReason, normaliseRegistrationNumber } from '../registration';

export interface AmendableDeal {
  id: string;
  registrationNumber?: string | null;
  registrationAuthority?: string | null;
  contractValueWan?: number | null;
  technicalIncomeWan?: number | null;
  valueDifferenceReason?: string | null;
  agreedPriceWan?: number | null;
  priceNoticeStatus?: string | null;
}

interface AmendValues {
  registrationNumber: string;
  registrationAuthority?: string | null;
  contractValueWan: number;
  technicalIncomeWan: number;
  valueDifferenceReason?: string | null;
  reason: string;
}

const FIELDS = [
  'registrationNumber',
  'registrationAuthority',
  'contractValueWan',
  'technicalIncomeWan',
  'valueDifferenceReason',
  'reason',
] as const;

/**
 * 更正登记: the broker corrects a registered contract with a reason. The API keeps every correction (who, when,
 * before, after, why) on the deal's timeline; nothing is edited silently. Its typed refusals land next to the field.
 */
export function AmendRegistrationDialog({
  deal,
  open,
  onClose,
}: {
  deal: AmendableDeal;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AmendValues>();
  const [amend, { loading }] = useMutation(AmendDealRegistrationMutation);
  const contractValue = Form.useWatch('contractValueWan', form);
  const reasonNeeded = needsDifferenceReason(deal, contractValue);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await amend({
        variables: {
          input: {
            dealId: deal.id,
            registrationNumber: normaliseRegistrationNumber(values.registrationNumber),
            registrationAuthority: values.registrationAuthority?.trim() || null,
            contractValueWan: values.contractValueWan,
            technicalIncomeWan: values.technicalIncomeWan,
            valueDifferenceReason: values.valueDifferenceReason?.trim() ?? '',
            reason: values.reason.trim(),
          },
        },
      });
      message.success(t('broker.amendment.done'));
      onClose();
    } catch (failure) {
      const problem = describeApiError(failure);
      const fields = formFieldErrors(problem, FIELDS);
      if (fields.length) form.setFields(fields);
      else message.error(problem.message);
    }
  };

  return (
    <Modal
      open={open}
      title={t('broker.amendment.title')}
      okText={t('broker.amendment.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('broker.amendment.hint')} />
      <Form
        form={form}
        name="deal-amendment"
        layout="vertical"
        preserve={false}
        initialValues={{
          registrationNumber: deal.registrationNumber ?? '',
          registrationAuthority: deal.registrationAuthority ?? '',
          contractValueWan: deal.contractValueWan ?? undefined,
          technicalIncomeWan: deal.technicalIncomeWan ?? undefined,
          valueDifferenceReason: deal.valueDifferenceReason ?? '',
        }}
      >
        <RegistrationNumberField />
        <Form.Item name="registrationAuthority" label={t('broker.registration.authority')}>
          <Input maxLength={200} />
        </Form.Item>
        <RegistrationAmountFields differenceNeeded={reasonNeeded} noticedPriceWan={deal.agreedPriceWan} />
        <Form.Item
          name="reason"
          label={t('broker.amendment.reason')}
          rules={[{ required: true, whitespace: true, message: t('broker.amendment.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
