import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRegistrationNumber } from '../registration';

/**
 * 合同成交额, 技术交易额 (never above it) and, when the value differs from the noticed price, the reason: the part of
 * a registration that registering and correcting it share.
 */
export function RegistrationAmountFields({
  differenceNeeded,
  noticedPriceWan,
}: {
  differenceNeeded: boolean;
  noticedPriceWan?: number | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="contractValueWan"
        label={t('broker.registration.contractValue')}
        rules={[{ required: true, message: t('broker.registration.contractValueRequired') }]}
      >
        <InputNumber min={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="technicalIncomeWan"
        label={t('broker.registration.technicalIncome')}
        dependencies={['contractValueWan']}
        rules={[
          { required: true, message: t('broker.registration.technicalIncomeRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: number | undefined) =>
              value === undefined || value === null || value <= (getFieldValue('contractValueWan') as number)
                ? Promise.resolve()
                : Promise.reject(new Error(t('broker.registration.technicalIncomeTooHigh'))),
          }),
        ]}
      >
        <InputNumber min={0} style={{ width: '100%' }} />
      </Form.Item>
      {differenceNeeded && (
        <Form.Item
          name="valueDifferenceReason"
          label={t('broker.registration.differenceReason')}
          extra={t('broker.registration.differenceHint', { price: noticedPriceWan })}
          rules={[{ required: true, whitespace: true, message: t('broker.registration.differenceRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
    </>
  );
}

/** 技术合同登记号, checked against the national format before the API sees it. */
export function RegistrationNumberField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="registrationNumber"
      label={t('broker.registration.number')}
      extra={t('broker.registration.numberFormat')}
      rules={[
        { required: true, whitespace: true, message: t('broker.registration.numberRequired') },
        {
          validator: (_, value: string | undefined) =>
            !value || isRegistrationNumber(value)
              ? Promise.resolve()
              : Promise.reject(new Error(t('broker.registration.numberInvalid'))),
        },
      ]}
    >
      <Input maxLength={30} />
    </Form.Item>
  );
}
