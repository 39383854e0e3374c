import { useState, type ReactNode } from 'react';
import { Alert, Checkbox, Form, Input, message, Modal, Select } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import {
  HoldDealMutation,
  MoveDealMutation,
  ResumeDealMutation,
  type DealStage,
  type TechContractType,
} from '../operations';
import { requirementOf } from '../pipeline';
import { RegistrationAmountFields, RegistrationNumberField } from './RegistrationFields';
import { needsDifferenceReason, normaliseRegistrationNumber } from '../registration';

const CONTRACT_TYPES: TechContractType[] = ['TRANSFER', 'LICENSE', 'DEVELOPMENT', 'SERVICE', 'CONSULTING'];

interface RegistrationValues {
  registrationNumber: string;
  contractType: TechContractType;
  contractValueWan: number;
  technicalIncomeWan: number;
  exclusiveLicence?: boolean;
  valueDifferenceReason?: string;
}

/** What the mover knows of a deal: the registration form checks the value against a noticed agreed price. */
export interface MovableDeal {
  id: string;
  contractValueWan?: number | null;
  agreedPriceWan?: number | null;
  priceNoticeStatus?: string | null;
}

/**
 * Moving a deal from the board or the deal page: a plain move is sent at once; closing as lost asks for the
 * reason, registering asks for the registration (登记号, type, 合同成交额, 技术交易额, exclusivity of a licence).
 * The API decides; its typed refusal is shown next to the field or as a message.
 */
export function useDealMover(): {
  requestMove: (deal: MovableDeal, to: DealStage) => void;
  /** 暂停 with a reason, or resume a deal on hold. */
  requestHold: (dealId: string) => void;
  resume: (dealId: string) => void;
  moving: boolean;
  dialogs: ReactNode;
} {
  const { t } = useTranslation();
  const [move, moving] = useMutation(MoveDealMutation, { refetchQueries: ['PipelineBoard', 'BrokerPerformance'] });
  const [hold, holding] = useMutation(HoldDealMutation, { refetchQueries: ['PipelineBoard'] });
  const [resumeDeal] = useMutation(ResumeDealMutation, { refetchQueries: ['PipelineBoard'] });
  const [holdFor, setHoldFor] = useState<string | null>(null);
  const [holdForm] = Form.useForm<{ reason: string }>();
  const [lostFor, setLostFor] = useState<string | null>(null);
  const [registerFor, setRegisterFor] = useState<MovableDeal | null>(null);
  const [lostForm] = Form.useForm<{ lostReason: string }>();
  const [registrationForm] = Form.useForm<RegistrationValues>();
  const contractType = Form.useWatch('contractType', registrationForm);
  const registeredValue = Form.useWatch('contractValueWan', registrationForm);
  const differenceNeeded = !!registerFor && needsDifferenceReason(registerFor, registeredValue);

  const send = async (dealId: string, stage: DealStage, extra: Record<string, unknown> = {}) => {
    await move({ variables: { input: { dealId, stage, ...extra } } });
    message.success(t('broker.deal.moved', { stage: t(`broker.stages.${stage}`) }));
  };

  const requestMove = (deal: MovableDeal, to: DealStage) => {
    const requirement = requirementOf(to);
    if (requirement === 'LOST_REASON') setLostFor(deal.id);
    else if (requirement === 'REGISTRATION') setRegisterFor(deal);
    else void send(deal.id, to).catch((failure: unknown) => message.error(describeApiError(failure).message));
  };

  const putOnHold = async () => {
    if (!holdFor) return;
    const { reason } = await holdForm.validateFields();
    try {
      await hold({ variables: { dealId: holdFor, reason: reason.trim() } });
      message.success(t('broker.hold.held'));
      setHoldFor(null);
    } catch (failure) {
      message.error(describeApiError(failure).message);
    }
  };
  const resume = (dealId: string) =>
    void resumeDeal({ variables: { dealId } }).then(
      () => message.success(t('broker.hold.resumed')),
      (failure: unknown) => message.error(describeApiError(failure).message),
    );

  const closeLost = async () => {
    if (!lostFor) return;
    const { lostReason } = await lostForm.validateFields();
    try {
      await send(lostFor, 'CLOSED_LOST', { lostReason });
      setLostFor(null);
    } catch (failure) {
      message.error(describeApiError(failure).message);
    }
  };

  const register = async () => {
    if (!registerFor) return;
    const values = await registrationForm.validateFields();
    try {
      await send(registerFor.id, 'REGISTERED', {
        registration: {
          registrationNumber: normaliseRegistrationNumber(values.registrationNumber),
          contractType: values.contractType,
          contractValueWan: values.contractValueWan,
          technicalIncomeWan: values.technicalIncomeWan,
          exclusiveLicence: values.contractType === 'LICENSE' ? !!values.exclusiveLicence : null,
          valueDifferenceReason: values.valueDifferenceReason?.trim() || null,
        },
      });
      setRegisterFor(null);
    } catch (failure) {
      const problem = describeApiError(failure);
      const fields = formFieldErrors(problem, [
        'registrationNumber',
        'contractType',
        'contractValueWan',
        'technicalIncomeWan',
        'valueDifferenceReason',
      ] as const);
      // A field the form does not show (yet) gets the message instead.
      const shown = fields.filter((field) => field.name !== 'valueDifferenceReason' || differenceNeeded);
      if (shown.length) registrationForm.setFields(shown);
      else message.error(problem.message);
    }
  };

  const dialogs = (
    <>
      <Modal
        open={!!holdFor}
        title={t('broker.hold.title')}
        okText={t('broker.hold.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: holding.loading }}
        onOk={() => void putOnHold().catch(() => undefined)}
        onCancel={() => setHoldFor(null)}
        destroyOnHidden
      >
        <Form form={holdForm} name="deal-hold" layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('broker.hold.reason')}
            rules={[{ required: true, whitespace: true, message: t('broker.hold.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!lostFor}
        title={t('broker.lost.title')}
        okText={t('broker.lost.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: moving.loading, style: { background: TAG_COLOURS.danger } }}
        onOk={() => void closeLost().catch(() => undefined)}
        onCancel={() => setLostFor(null)}
        destroyOnHidden
      >
        <Form form={lostForm} name="deal-lost" layout="vertical" preserve={false}>
          <Form.Item
            name="lostReason"
            label={t('broker.lost.reason')}
            rules={[{ required: true, whitespace: true, message: t('broker.lost.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!registerFor}
        title={t('broker.registration.title')}
        okText={t('broker.registration.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: moving.loading }}
        onOk={() => void register().catch(() => undefined)}
        onCancel={() => setRegisterFor(null)}
        destroyOnHidden
      >
        <Form
          form={registrationForm}
          name="deal-registration"
          layout="vertical"
          preserve={false}
          initialValues={{ contractValueWan: registerFor?.contractValueWan ?? undefined }}
        >
          <RegistrationNumberField />
          <Form.Item
            name="contractType"
            label={t('broker.registration.contractType')}
            rules={[{ required: true, message: t('broker.registration.contractTypeRequired') }]}
          >
            <Select
              options={CONTRACT_TYPES.map((type) => ({ value: type, label: t(`broker.contractTypes.${type}`) }))}
            />
          </Form.Item>
          {contractType === 'LICENSE' && (
            <Form.Item name="exclusiveLicence" valuePropName="checked" extra={t('broker.registration.exclusiveHint')}>
              <Checkbox>{t('broker.registration.exclusive')}</Checkbox>
            </Form.Item>
          )}
          <RegistrationAmountFields differenceNeeded={differenceNeeded} noticedPriceWan={registerFor?.agreedPriceWan} />
        </Form>
        <Alert type="info" showIcon title={t('broker.registration.exclusiveHint')} />
      </Modal>
    </>
  );
  return { requestMove, requestHold: setHoldFor, resume, moving: moving.loading, dialogs };
}
