import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ruleVersionInput, type RuleVersionFormValues, whenValid } from '../logic';
import type { CreateRewardRuleVersionInput } from '../../../gql/graphql';

type FormShape = Omit<RuleVersionFormValues, 'effectiveFrom' | 'effectiveTo'> & {
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
};

/** A new version of the reward rules (versions are never edited); starts from the latest one's terms. */
export function RuleVersionForm({
  open,
  loading,
  initial,
  onCancel,
  onCreate,
}: {
  open: boolean;
  loading: boolean;
  initial?: Partial<RuleVersionFormValues>;
  onCancel: () => void;
  onCreate: (input: CreateRewardRuleVersionInput) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormShape>();
  const required = [{ required: true, message: t('programmes.required') }];
  return (
    <Modal
      open={open}
      width={720}
      title={t('programmes.rules.newVersion')}
      okText={t('programmes.rules.newVersion')}
      okButtonProps={{ loading }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      destroyOnHidden
      onOk={() =>
        whenValid(form, (values) =>
          onCreate(
            ruleVersionInput({
              ...values,
              effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
              effectiveTo: values.effectiveTo ? values.effectiveTo.format('YYYY-MM-DD') : null,
            }),
          ),
        )
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('programmes.rules.newVersionHint')} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          qualifications: ['RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT'],
          sharePercent: 10,
          minTechnicalIncomeWan: 0,
          districtRegions: '',
          contractTypes: '',
          requiredEvidence: '',
          ...initial,
          effectiveFrom: dayjs().add(1, 'day'),
        }}
      >
        <Form.Item name="name" label={t('programmes.rules.name')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="effectiveFrom" label={t('programmes.rules.effectiveFrom')} rules={required}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="effectiveTo" label={t('programmes.rules.effectiveTo')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="qualifications" label={t('programmes.rules.qualifications')} rules={required}>
          <Select
            mode="multiple"
            options={(['RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT', 'INVENTOR_FOUNDED_COMPANY'] as const).map((q) => ({
              value: q,
              label: t(`programmes.qualification.${q}`),
            }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="districtRegions"
              label={t('programmes.rules.districtRegions')}
              extra={t('programmes.rules.listHint')}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contractTypes" label={t('programmes.rules.contractTypes')} extra="TRANSFER, LICENSE, …">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="sharePercent" label={`${t('programmes.rules.share')} (%)`} rules={required}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="minTechnicalIncomeWan" label={t('programmes.rules.minIncome')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="capPerItemWan" label={t('programmes.rules.capPerItem')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="capPerYearWan" label={t('programmes.rules.capPerYear')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="requiredEvidence"
          label={t('programmes.rules.requiredEvidence')}
          extra={t('programmes.rules.listHint')}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
