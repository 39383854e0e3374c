import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography, message } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { PlatformMetric } from '../../../gql/graphql';
import {
  isSchemeField,
  schemeFieldErrors,
  schemeFormValues,
  schemeInput,
  weightShares,
  type SchemeFormValues,
  type SchemeIndicatorFormValues,
} from '../logic';
import { SaveEvaluationSchemeMutation, type EvaluationSchemePartsFragment } from '../operations';

const PLATFORM_METRICS: PlatformMetric[] = [
  'REGISTERED_CONTRACTS',
  'TECHNICAL_INCOME_WAN',
  'LISTINGS',
  'INTRODUCTIONS',
  'PRODUCTS_LAUNCHED',
  'ATTRIBUTED_REVENUE_WAN',
];

const NEW_INDICATOR: SchemeIndicatorFormValues = {
  key: '',
  label: '',
  weight: 10,
  source: 'SELF_REPORTED',
  platformMetric: null,
  method: 'MIN_MAX',
  thresholds: [],
};

/**
 * 编辑指标体系 (bureau): a DRAFT scheme's title, indicators (key, name, weight, source, scoring by thresholds or
 * min–max) and tier thresholds. Weights are relative (each indicator's share of their sum is shown); the API checks
 * the whole scheme and its problems land next to the fields they name. Once the scheme is opened it is locked: the
 * API refuses, and the screen offers no editor.
 */
export function SchemeEditor({ scheme, onDone }: { scheme: EvaluationSchemePartsFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SchemeFormValues>();
  const [save, saving] = useMutation(SaveEvaluationSchemeMutation);
  const [general, setGeneral] = useState<string[]>([]);
  const indicators = Form.useWatch('indicators', form) as SchemeIndicatorFormValues[] | undefined;
  const shares = weightShares((indicators ?? []).map((indicator) => indicator?.weight));
  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    // The whole store: fields not shown (a platform metric of a self-reported indicator) are dropped by schemeInput.
    const values = form.getFieldsValue(true) as SchemeFormValues;
    setGeneral([]);
    try {
      await save({ variables: { input: schemeInput(scheme.year, values) } });
      void message.success(t('programmes.schemeEditor.saved'));
      onDone();
    } catch (error) {
      const count = (form.getFieldValue('indicators') as unknown[] | undefined)?.length ?? 0;
      const problems = schemeFieldErrors(error, (name) => isSchemeField(name, count));
      // The names were checked against the form's fields (isSchemeField); antd's typed paths cannot say so.
      form.setFields(problems.fields as Parameters<typeof form.setFields>[0]);
      setGeneral(problems.general);
    }
  };
  const number = (label: string) => ({ required: true, message: t('programmes.schemeEditor.required', { label }) });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={schemeFormValues(scheme)}
      aria-label={t('programmes.schemeEditor.title', { year: scheme.year })}
    >
      {general.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={general.join('；')} role="alert" />
      )}
      <Form.Item
        name="title"
        label={t('programmes.schemeEditor.schemeTitle')}
        rules={[{ required: true, whitespace: true, message: t('programmes.schemeEditor.titleRequired') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Typography.Paragraph className="secondary">{t('programmes.schemeEditor.weightsHint')}</Typography.Paragraph>
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => {
              const current = indicators?.[index];
              const label = current?.label?.trim() || t('programmes.schemeEditor.indicatorN', { n: index + 1 });
              return (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={label}
                  extra={
                    <Button
                      danger
                      type="text"
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('programmes.schemeEditor.removeIndicator', { label })}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} md={6}>
                      <Form.Item
                        name={[field.name, 'key']}
                        label={t('programmes.schemeEditor.key')}
                        rules={[
                          { required: true, message: t('programmes.schemeEditor.keyRequired') },
                          { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('programmes.schemeEditor.keyPattern') },
                        ]}
                      >
                        <Input maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[field.name, 'label']}
                        label={t('programmes.schemeEditor.label')}
                        rules={[
                          { required: true, whitespace: true, message: t('programmes.schemeEditor.labelRequired') },
                        ]}
                      >
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item
                        name={[field.name, 'weight']}
                        label={t('programmes.evaluation.weight')}
                        extra={
                          shares[index] === null || shares[index] === undefined
                            ? undefined
                            : t('programmes.schemeEditor.share', { share: shares[index] })
                        }
                        rules={[number(t('programmes.evaluation.weight'))]}
                      >
                        <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'source']} label={t('programmes.evaluation.sourceLabel')}>
                        <Select
                          options={(['SELF_REPORTED', 'PLATFORM'] as const).map((value) => ({
                            value,
                            label: t(`programmes.evaluation.source.${value}`),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    {current?.source === 'PLATFORM' && (
                      <Col xs={24} md={6}>
                        <Form.Item
                          name={[field.name, 'platformMetric']}
                          label={t('programmes.schemeEditor.platformMetric')}
                          rules={[{ required: true, message: t('programmes.schemeEditor.metricRequired') }]}
                        >
                          <Select
                            options={PLATFORM_METRICS.map((value) => ({
                              value,
                              label: t(`programmes.schemeEditor.metric.${value}`),
                            }))}
                          />
                        </Form.Item>
                      </Col>
                    )}
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'method']} label={t('programmes.evaluation.scoring')}>
                        <Select
                          options={(['MIN_MAX', 'THRESHOLDS'] as const).map((value) => ({
                            value,
                            label: t(`programmes.evaluation.method.${value}`),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  {current?.method === 'THRESHOLDS' && (
                    <Form.List name={[field.name, 'thresholds']}>
                      {(steps, { add: addStep, remove: removeStep }, { errors }) => (
                        <div>
                          <Typography.Text strong>{t('programmes.evaluation.thresholds')}</Typography.Text>
                          {steps.map((step, stepIndex) => (
                            <Space key={step.key} align="baseline" wrap style={{ display: 'flex' }}>
                              <Form.Item
                                name={[step.name, 'min']}
                                label={t('programmes.schemeEditor.min')}
                                rules={[number(t('programmes.schemeEditor.min'))]}
                              >
                                <InputNumber />
                              </Form.Item>
                              <Form.Item
                                name={[step.name, 'points']}
                                label={t('programmes.schemeEditor.points')}
                                rules={[number(t('programmes.schemeEditor.points'))]}
                              >
                                <InputNumber min={0} max={100} />
                              </Form.Item>
                              <Button
                                type="text"
                                size="small"
                                icon={<DeleteOutlined />}
                                aria-label={t('programmes.schemeEditor.removeStep', { label, n: stepIndex + 1 })}
                                onClick={() => removeStep(step.name)}
                              />
                            </Space>
                          ))}
                          <Form.ErrorList errors={errors} />
                          <Button
                            size="small"
                            onClick={() => addStep({ min: null, points: null })}
                            aria-label={t('programmes.schemeEditor.addStepTo', { label })}
                          >
                            {t('programmes.schemeEditor.addStep')}
                          </Button>
                        </div>
                      )}
                    </Form.List>
                  )}
                </Card>
              );
            })}
            <Button onClick={() => add({ ...NEW_INDICATOR })} style={{ marginBottom: 16 }}>
              {t('programmes.schemeEditor.addIndicator')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Text strong>{t('programmes.schemeEditor.tiers')}</Typography.Text>
      <Row gutter={12}>
        {(['excellent', 'good', 'pass'] as const).map((tier) => (
          <Col xs={24} md={8} key={tier}>
            <Form.Item
              name={['tiers', tier]}
              label={t(`programmes.schemeEditor.tier.${tier}`)}
              rules={[number(t(`programmes.schemeEditor.tier.${tier}`))]}
            >
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Space>
        <Button type="primary" loading={saving.loading} onClick={() => void submit()}>
          {t('programmes.schemeEditor.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
