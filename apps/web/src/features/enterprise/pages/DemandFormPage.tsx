import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  message,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import type { CooperationMode } from '../../../gql/graphql';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { industryName } from '../../../shared/lib/format';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { NotFoundPage } from '../../../shared/ui/NotFoundPage';
import { DemandPreview } from '../components/DemandPreview';
import {
  API_FIELDS,
  fromDemand,
  postableKinds,
  publicView,
  toDemandInput,
  validateDemand,
  type DemandFormValues,
  type FieldProblem,
} from '../demand-form';
import {
  CreateDemandMutation,
  EnterpriseDemandQuery,
  PublishDemandMutation,
  UpdateDemandMutation,
} from '../operations';
import { useEnterprise } from '../use-enterprise';

export const COOPERATION_MODES: CooperationMode[] = [
  'TRANSFER',
  'LICENSE',
  'EQUITY',
  'JOINT_DEVELOPMENT',
  'TECHNICAL_SERVICE',
];

function IndicatorList({ list }: { list: 'mustHave' | 'niceToHave' }) {
  const { t } = useTranslation();
  return (
    <Form.List name={list}>
      {(items, { add, remove }) => (
        <fieldset className="indicator-list" style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 8 }}>{t(`enterprise.form.${list}`)}</legend>
          <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
            {t(`enterprise.form.${list}Hint`)}
          </Typography.Paragraph>
          {items.map((item, index) => (
            <Space key={item.key} align="start" wrap style={{ display: 'flex' }}>
              <Form.Item
                name={[item.name, 'name']}
                label={t('enterprise.form.indicatorNameN', { kind: t(`enterprise.form.${list}Short`), n: index + 1 })}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name={[item.name, 'target']} label={t('enterprise.form.indicatorTarget')}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name={[item.name, 'current']} label={t('enterprise.form.indicatorCurrent')}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item label=" " colon={false}>
                <Button onClick={() => remove(item.name)}>{t('enterprise.form.removeIndicator')}</Button>
              </Form.Item>
            </Space>
          ))}
          <Button onClick={() => add({ name: '', target: '', current: '' })}>{t(`enterprise.form.add_${list}`)}</Button>
        </fieldset>
      )}
    </Form.List>
  );
}

/** 需求发布 and editing a draft: a structured form beside the preview of what the public will see. */
export default function DemandFormPage() {
  const { id } = useParams();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const { session, enterprise, industries, loading: contextLoading, error: contextError } = useEnterprise();
  // Untyped: field paths of the indicator lists are built at run time (validateDemand names them).
  const [form] = Form.useForm();
  const [busy, setBusy] = useState<'draft' | 'publish' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const existing = useQuery(EnterpriseDemandQuery, { variables: { id: id ?? '' }, skip: !id || !session });
  const [create] = useMutation(CreateDemandMutation);
  const [update] = useMutation(UpdateDemandMutation);
  const [publish] = useMutation(PublishDemandMutation);
  const watched = Form.useWatch([], form) as DemandFormValues | undefined;
  const demand = existing.data?.demand;

  useEffect(() => {
    if (demand) form.setFieldsValue(fromDemand(demand, (iso) => dayjs(iso)));
  }, [demand, form]);

  const view = useMemo(() => publicView(watched ?? {}, enterprise?.name ?? null), [watched, enterprise?.name]);
  const kinds = enterprise ? postableKinds(enterprise) : [];
  const askedKind = searchParams.get('kind');
  const initialKind = kinds.find((kind) => kind === askedKind) ?? kinds[0] ?? 'TECHNICAL_PROBLEM';
  useEffect(() => {
    if (!id && enterprise) form.setFieldValue('kind', initialKind);
  }, [id, enterprise, initialKind, form]);
  const scenario = (watched?.kind ?? demand?.kind ?? initialKind) === 'APPLICATION_SCENARIO';

  const next = id ? `/workspace/demands/${id}/edit` : '/workspace/demands/new';
  if (!session) return <Navigate to={`/sign-in?next=${next}`} replace />;
  if (contextLoading || existing.loading) return <PageLoading />;
  if (contextError) return <ErrorState error={contextError} />;
  if (existing.error) {
    if (describeApiError(existing.error).code === 'NOT_FOUND') return <NotFoundPage />;
    return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  }
  if (!enterprise) return <Alert type="warning" showIcon title={t('enterprise.noEnterprise')} />;
  if (demand && !['DRAFT', 'OPEN', 'EXPIRED'].includes(demand.status))
    return <Alert type="warning" showIcon title={t('enterprise.form.notEditable')} />;

  const showProblems = (problems: FieldProblem[]) => {
    const stale = form
      .getFieldsError()
      .filter((entry) => entry.errors.length > 0)
      .map((entry) => ({ name: entry.name, errors: [] as string[] }));
    form.setFields([
      ...stale,
      ...problems.map((problem) => ({
        name: problem.name,
        errors: [t(`enterprise.form.errors.${problem.message}`, problem.values ?? {})],
      })),
    ]);
  };

  const run = async (publishing: boolean) => {
    setFailure(null);
    const values = form.getFieldsValue(true) as DemandFormValues;
    const problems = validateDemand(values, { publishing, now: new Date() });
    showProblems(problems);
    if (problems.length > 0) {
      setFailure(t('enterprise.form.fixErrors'));
      return;
    }
    setBusy(publishing ? 'publish' : 'draft');
    try {
      const input = toDemandInput(values);
      let demandId = id ?? null;
      if (!demandId) {
        const created = await create({
          variables: {
            input: { ...input, kind: values.kind ?? initialKind, organisationId: enterprise.id, publish: publishing },
          },
        });
        demandId = created.data!.createDemand.id;
      } else {
        await update({ variables: { id: demandId, input } });
        if (publishing && demand?.allowedActions.includes('PUBLISH')) await publish({ variables: { id: demandId } });
      }
      message.success(t(publishing ? 'enterprise.form.published' : 'enterprise.form.saved'));
      await client.refetchQueries({ include: ['MyDemands'] });
      void navigate(publishing ? `/workspace/demands/${demandId}` : `/workspace/demands/${demandId}/edit`, {
        replace: !publishing && !id,
      });
    } catch (error) {
      const problem = describeApiError(error);
      const fields = formFieldErrors(problem, API_FIELDS);
      form.setFields(fields);
      setFailure(fields.length > 0 ? t('enterprise.form.fixErrors') : problem.message);
    } finally {
      setBusy(null);
    }
  };

  const isDraft = !demand || demand.status === 'DRAFT';
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {scenario
          ? t(id ? 'scenario.form.editTitle' : 'scenario.form.title')
          : id
            ? t('enterprise.form.editTitle')
            : t('enterprise.form.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            {failure && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={failure} role="alert" />}
            <Form
              form={form}
              layout="vertical"
              initialValues={{ mustHave: [], niceToHave: [], cooperationModes: [], anonymous: false }}
              onValuesChange={(changed: Record<string, unknown>) =>
                form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })))
              }
            >
              <Form.Item name="kind" label={t('scenario.form.kind')} hidden={Boolean(id) || kinds.length < 2}>
                <Radio.Group
                  optionType="button"
                  options={kinds.map((kind) => ({ value: kind, label: t(`scenario.kinds.${kind}`) }))}
                />
              </Form.Item>
              {scenario && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('scenario.form.hint')} />}
              <Form.Item name="title" label={t('enterprise.form.titleField')} required>
                <Input maxLength={200} showCount />
              </Form.Item>
              <Form.Item
                name="summary"
                label={t('enterprise.form.summary')}
                extra={t('enterprise.form.summaryHint')}
                required
              >
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
              {scenario && (
                <>
                  <Form.Item name="site" label={t('scenario.form.site')} required>
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item
                    name="dataAvailable"
                    label={t('scenario.form.dataAvailable')}
                    extra={t('scenario.form.dataAvailableHint')}
                  >
                    <Input.TextArea rows={3} maxLength={5000} />
                  </Form.Item>
                  <Form.Item name="timeline" label={t('scenario.form.timeline')}>
                    <Input maxLength={1000} />
                  </Form.Item>
                </>
              )}
              <Form.Item
                name="confidentialDetails"
                label={t('enterprise.form.confidentialDetails')}
                extra={t('enterprise.form.confidentialHint')}
              >
                <Input.TextArea rows={4} maxLength={20000} />
              </Form.Item>
              <Form.Item name="industryCode" label={t('enterprise.form.industry')} required>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={industries.map((industry) => ({
                    value: industry.code,
                    label: industryName(i18n.language, industry),
                  }))}
                />
              </Form.Item>
              <IndicatorList list="mustHave" />
              <IndicatorList list="niceToHave" />
              <Form.Item name="cooperationModes" label={t('enterprise.form.cooperationModes')}>
                <Checkbox.Group
                  options={COOPERATION_MODES.map((value) => ({ value, label: t(`cooperationModes.${value}`) }))}
                />
              </Form.Item>
              <Space wrap align="start">
                <Form.Item name="budgetMinWan" label={t('enterprise.form.budgetMin')}>
                  <InputNumber min={0} suffix={t('enterprise.form.wanUnit')} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name="budgetMaxWan" label={t('enterprise.form.budgetMax')}>
                  <InputNumber min={0} suffix={t('enterprise.form.wanUnit')} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name="deadline" label={t('enterprise.form.deadline')}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="region" label={t('enterprise.form.region')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Space>
              <Form.Item
                name="anonymous"
                label={t('enterprise.form.anonymous')}
                valuePropName="checked"
                extra={t('enterprise.form.anonymousHint')}
              >
                <Switch />
              </Form.Item>
              <Space wrap>
                {isDraft && (
                  <Button loading={busy === 'draft'} disabled={busy !== null} onClick={() => void run(false)}>
                    {t('enterprise.form.saveDraft')}
                  </Button>
                )}
                <Button
                  type="primary"
                  loading={busy === 'publish'}
                  disabled={busy !== null}
                  onClick={() => void run(true)}
                >
                  {isDraft ? t('enterprise.form.publish') : t('enterprise.form.saveChanges')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <DemandPreview
            view={view}
            industries={industries}
            hasConfidential={Boolean(watched?.confidentialDetails?.trim())}
          />
        </Col>
      </Row>
    </div>
  );
}
