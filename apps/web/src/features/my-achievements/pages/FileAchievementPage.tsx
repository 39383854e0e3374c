import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  message,
  Radio,
  Select,
  Space,
  Steps,
  Typography,
} from 'antd';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import type { IpType, RightsProposalKind, TransferMode } from '../../../gql/graphql';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { AttachmentsField, type AttachmentValue } from '../components/AttachmentsField';
import { useAutosave } from '../autosave';
import {
  AchievementDraftQuery,
  CreateAchievementDraftMutation,
  FilingContextQuery,
  InstitutionBoundsQuery,
  RecordMyConsentMutation,
  SetRightsProposalMutation,
  SubmitAchievementMutation,
  UpdateAchievementDraftMutation,
} from '../operations';

const IP_TYPES: IpType[] = [
  'INVENTION_PATENT',
  'UTILITY_MODEL',
  'DESIGN_PATENT',
  'SOFTWARE_COPYRIGHT',
  'IC_LAYOUT_DESIGN',
  'PLANT_VARIETY',
  'TRADE_SECRET',
];
const TRANSFER_MODES: TransferMode[] = [
  'ASSIGNMENT',
  'LICENSE',
  'EQUITY_INVESTMENT',
  'JOINT_DEVELOPMENT',
  'TECHNICAL_SERVICE',
];

interface InventorValues {
  name: string;
  contributionShare: number;
  userId?: string;
}

interface Values {
  title: string;
  summary?: string;
  keywords?: string[];
  trl?: number;
  description?: string;
  conversionPlan?: string;
  ipType?: IpType;
  ipRegistrationNumbers?: string[];
  transferModes?: TransferMode[];
  askingPriceWan?: number;
  inventors: InventorValues[];
  proposalKind: RightsProposalKind;
  teamSharePercent?: number;
  useRightYears?: number;
  attachments?: AttachmentValue[];
}

/** Which fields each step holds: validation per step, and an API field error opens its step. */
const STEP_FIELDS: (keyof Values)[][] = [
  ['title', 'summary', 'keywords', 'trl'],
  ['description', 'conversionPlan'],
  ['ipType', 'ipRegistrationNumbers', 'transferModes', 'askingPriceWan', 'attachments'],
  ['inventors', 'proposalKind', 'teamSharePercent', 'useRightYears'],
];
const ALL_FIELDS = STEP_FIELDS.flat();

/**
 * 成果登记: a four-step form saved as a draft (automatically, a moment after each change, once it has a title)
 * and submitted for rights confirmation. At `/workspace/achievements/:id/edit` it opens that draft.
 */
export default function FileAchievementPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const { session } = useSession();
  const { id: editId } = useParams();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  // A ref as well as state: an autosave and a click may both save, and only the first may create the draft.
  const draftRef = useRef<string | null>(editId ?? null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const context = useQuery(FilingContextQuery, { skip: !session });
  const draft = useQuery(AchievementDraftQuery, {
    variables: { id: editId ?? '' },
    skip: !session || !editId,
    fetchPolicy: 'network-only',
  });
  const [loaded, setLoaded] = useState(!editId);
  const memberInstitution = context.data?.me.memberships.find(
    (m) => m.role === 'RESEARCHER' && m.status === 'ACTIVE',
  )?.organisation;
  const institution = editId
    ? (context.data?.me.memberships.find((m) => m.organisation.id === draft.data?.achievement.institutionId)
        ?.organisation ?? memberInstitution)
    : memberInstitution;
  const bounds = useQuery(InstitutionBoundsQuery, {
    variables: { institutionId: institution?.id ?? '' },
    skip: !institution,
  });
  const [create] = useMutation(CreateAchievementDraftMutation);
  const [update] = useMutation(UpdateAchievementDraftMutation);
  const [setProposal] = useMutation(SetRightsProposalMutation);
  const [consent] = useMutation(RecordMyConsentMutation);
  const [submit] = useMutation(SubmitAchievementMutation);
  const proposalKind = Form.useWatch('proposalKind', form);

  // An opened draft fills the form once.
  const opened = draft.data?.achievement;
  useEffect(() => {
    if (!opened || loaded) return;
    form.setFieldsValue({
      title: opened.title,
      summary: opened.summary || undefined,
      keywords: opened.keywords,
      trl: opened.trl ?? undefined,
      description: opened.description ?? undefined,
      conversionPlan: opened.conversionPlan ?? undefined,
      ipType: opened.ipType ?? undefined,
      ipRegistrationNumbers: opened.ipRegistrationNumbers,
      transferModes: opened.transferModes,
      askingPriceWan: opened.askingPriceWan ?? undefined,
      attachments: (opened.attachments ?? []).map((file) => ({
        fileId: file.fileId ?? undefined,
        name: file.name,
        sizeBytes: file.sizeBytes ?? undefined,
        url: file.url ?? undefined,
      })),
      inventors: opened.inventors.map((inventor) => ({
        name: inventor.name,
        contributionShare: inventor.contributionShare,
        userId: inventor.userId ?? undefined,
      })),
      proposalKind: opened.rightsProposal?.kind ?? 'TEAM_SHARE',
      teamSharePercent: opened.rightsProposal?.teamSharePercent ?? undefined,
      useRightYears: opened.rightsProposal?.useRightYears ?? undefined,
    });
    setLoaded(true);
  }, [opened, loaded, form]);

  const save = useCallback(async (): Promise<string> => {
    if (!institution) throw new Error('no institution');
    const values = form.getFieldsValue(true) as Values;
    const fields = {
      title: values.title,
      summary: values.summary || undefined,
      keywords: values.keywords ?? [],
      trl: values.trl ?? undefined,
      description: values.description || undefined,
      conversionPlan: values.conversionPlan || undefined,
      ipType: values.ipType ?? undefined,
      ipRegistrationNumbers: values.ipRegistrationNumbers ?? [],
      transferModes: values.transferModes ?? [],
      askingPriceWan: values.askingPriceWan ?? undefined,
      attachments: (values.attachments ?? []).map((file) =>
        file.fileId ? { fileId: file.fileId, name: file.name } : { name: file.name, url: file.url },
      ),
    };
    const inventors = (values.inventors ?? []).map((inventor) => ({
      name: inventor.name,
      contributionShare: inventor.contributionShare,
      userId: inventor.userId || undefined,
    }));
    let id = draftRef.current;
    if (!id) {
      const { attachments, ...createFields } = fields;
      const created = await create({
        variables: { input: { ...createFields, institutionId: institution.id, inventors } },
      });
      id = created.data!.createAchievement.id;
      draftRef.current = id;
      if (attachments.length > 0) await update({ variables: { id, input: fields, inventors } });
    } else {
      await update({ variables: { id, input: fields, inventors } });
    }
    // A proposal is stored once it is complete (a draft saved early has none yet).
    const proposalComplete =
      values.proposalKind === 'TEAM_SHARE'
        ? values.teamSharePercent != null
        : values.proposalKind === 'USE_RIGHT' && values.useRightYears != null;
    if (proposalComplete) {
      await setProposal({
        variables: {
          id,
          input: {
            kind: values.proposalKind,
            teamSharePercent: values.proposalKind === 'TEAM_SHARE' ? values.teamSharePercent : undefined,
            useRightYears: values.proposalKind === 'USE_RIGHT' ? values.useRightYears : undefined,
          },
        },
      });
    }
    return id;
  }, [institution, form, create, update, setProposal]);

  // Saves a moment after the last change, one save at a time; clicks below wait for a save in flight.
  const autosave = useAutosave(save, {
    ready: () => loaded && !!(form.getFieldValue('title') as string | undefined)?.trim(),
  });

  if (!session) return <Navigate to="/sign-in?next=/workspace/achievements/new" replace />;
  if (draft.error) return <ErrorState error={draft.error} onRetry={() => void draft.refetch()} />;
  if (context.loading || (editId && !loaded)) return <PageLoading />;
  if (!institution) return <Alert type="warning" showIcon title={t('filing.noInstitution')} />;
  if (opened && opened.status !== 'DRAFT') return <Navigate to={`/workspace/achievements/${opened.id}`} replace />;
  const settings = bounds.data?.achievementSettings;

  const run = async (andSubmit: boolean) => {
    setFailure(null);
    try {
      await form.validateFields(andSubmit ? ALL_FIELDS : ['title']);
    } catch {
      const firstBad = STEP_FIELDS.findIndex((names) => names.some((name) => form.getFieldError(name).length > 0));
      if (firstBad >= 0) setStep(firstBad);
      return;
    }
    setBusy(true);
    try {
      const id = await autosave.saveNow();
      if (andSubmit) {
        await consent({ variables: { achievementId: id } });
        await submit({ variables: { id } });
        message.success(t('myAchievements.submitted'));
      } else {
        message.success(t('filing.saved'));
      }
      await client.refetchQueries({ include: ['MyAchievements'] });
      void navigate(`/workspace/achievements/${id}`);
    } catch (error) {
      const problem = describeApiError(error);
      const fieldErrors = formFieldErrors(problem, ALL_FIELDS);
      form.setFields(fieldErrors);
      const firstBad = STEP_FIELDS.findIndex((names) => fieldErrors.some((entry) => names.includes(entry.name)));
      if (firstBad >= 0) setStep(firstBad);
      if (fieldErrors.length === 0) setFailure(problem.message);
    } finally {
      setBusy(false);
    }
  };

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step]);
      setStep(step + 1);
    } catch {
      // The errors show next to the fields.
    }
  };

  const visible = (index: number) => ({ display: step === index ? undefined : 'none' });
  const required = { required: true, message: t('filing.required') };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {editId ? t('researcher.filing.editTitle') : t('filing.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" role="status" aria-live="polite" data-testid="autosave-status">
        {autosave.state === 'saving'
          ? t('researcher.filing.autosaving')
          : autosave.state === 'failed'
            ? t('researcher.filing.autosaveFailed', { message: autosave.error })
            : autosave.savedAt
              ? t('researcher.filing.autosaved', {
                  time: autosave.savedAt.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }),
                })
              : t('researcher.filing.autosaveHint')}
      </Typography.Paragraph>
      <Steps
        current={step}
        onChange={setStep}
        className="filing-steps"
        style={{ marginBottom: 24 }}
        items={[
          { title: t('filing.steps.basics') },
          { title: t('filing.steps.technology') },
          { title: t('filing.steps.ip') },
          { title: t('filing.steps.team') },
        ]}
      />
      <Card>
        {failure && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={failure} role="alert" />}
        <Form
          form={form}
          layout="vertical"
          onValuesChange={autosave.changed}
          initialValues={{
            inventors: [
              { name: context.data?.me.displayName ?? '', contributionShare: 100, userId: context.data?.me.id },
            ],
            proposalKind: 'TEAM_SHARE',
            transferModes: [],
            attachments: [],
          }}
        >
          <div style={visible(0)}>
            <Form.Item label={t('filing.fields.institution')} htmlFor="filing-institution">
              <Input id="filing-institution" value={institution.name} readOnly />
            </Form.Item>
            <Form.Item name="title" label={t('filing.fields.title')} rules={[required]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="summary" label={t('filing.fields.summary')} rules={[required]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="keywords" label={t('filing.fields.keywords')}>
              <Select mode="tags" open={false} aria-label={t('filing.fields.keywords')} />
            </Form.Item>
            <Form.Item name="trl" label={t('filing.fields.trl')}>
              <InputNumber min={1} max={9} precision={0} />
            </Form.Item>
          </div>
          <div style={visible(1)}>
            <Form.Item name="description" label={t('filing.fields.description')} rules={[required]}>
              <Input.TextArea rows={6} />
            </Form.Item>
            <Form.Item name="conversionPlan" label={t('filing.fields.conversionPlan')} rules={[required]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          </div>
          <div style={visible(2)}>
            <Form.Item name="ipType" label={t('filing.fields.ipType')}>
              <Select allowClear options={IP_TYPES.map((value) => ({ value, label: t(`ipTypes.${value}`) }))} />
            </Form.Item>
            <Form.Item name="ipRegistrationNumbers" label={t('filing.fields.ipRegistrationNumbers')}>
              <Select mode="tags" open={false} aria-label={t('filing.fields.ipRegistrationNumbers')} />
            </Form.Item>
            <Form.Item name="transferModes" label={t('filing.fields.transferModes')}>
              <Checkbox.Group
                options={TRANSFER_MODES.map((value) => ({ value, label: t(`transferModes.${value}`) }))}
              />
            </Form.Item>
            <Form.Item name="askingPriceWan" label={t('filing.fields.askingPriceWan')} extra={t('filing.negotiable')}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item
              name="attachments"
              label={t('researcher.attachments.label')}
              extra={t('researcher.attachments.hint')}
            >
              <AttachmentsField />
            </Form.Item>
          </div>
          <div style={visible(3)}>
            <Form.List name="inventors">
              {(items, { add, remove }) => (
                <>
                  {items.map((item, index) => (
                    <Space key={item.key} align="baseline" wrap>
                      <Form.Item
                        name={[item.name, 'name']}
                        label={t('filing.fields.inventorName', { index: index + 1 })}
                        rules={[required]}
                      >
                        <Input disabled={index === 0} />
                      </Form.Item>
                      <Form.Item
                        name={[item.name, 'contributionShare']}
                        label={t('filing.fields.contributionShare')}
                        rules={[required]}
                      >
                        <InputNumber min={0} max={100} suffix="%" />
                      </Form.Item>
                      {index > 0 && <Button onClick={() => remove(item.name)}>{t('filing.removeInventor')}</Button>}
                    </Space>
                  ))}
                  <Form.Item>
                    <Button onClick={() => add({ name: '', contributionShare: 0 })}>{t('filing.addInventor')}</Button>
                  </Form.Item>
                </>
              )}
            </Form.List>
            <Form.Item name="proposalKind" label={t('filing.fields.proposalKind')} rules={[required]}>
              <Radio.Group>
                <Radio value="TEAM_SHARE">{t('filing.proposal.TEAM_SHARE')}</Radio>
                <Radio value="USE_RIGHT">{t('filing.proposal.USE_RIGHT')}</Radio>
              </Radio.Group>
            </Form.Item>
            {proposalKind === 'USE_RIGHT' ? (
              <Form.Item name="useRightYears" label={t('filing.fields.useRightYears')} rules={[required]}>
                <InputNumber min={1} precision={0} />
              </Form.Item>
            ) : (
              <Form.Item
                name="teamSharePercent"
                label={t('filing.fields.teamSharePercent')}
                rules={[required]}
                extra={
                  settings
                    ? t('filing.bounds', { min: settings.minTeamSharePercent, max: settings.maxTeamSharePercent })
                    : undefined
                }
              >
                <InputNumber
                  min={settings?.minTeamSharePercent ?? 0}
                  max={settings?.maxTeamSharePercent ?? 100}
                  suffix="%"
                />
              </Form.Item>
            )}
          </div>
          <Space wrap>
            {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('filing.previous')}</Button>}
            {step < STEP_FIELDS.length - 1 && (
              <Button type="primary" onClick={() => void next()}>
                {t('filing.next')}
              </Button>
            )}
            <Button loading={busy} onClick={() => void run(false)}>
              {t('filing.saveDraft')}
            </Button>
            {step === STEP_FIELDS.length - 1 && (
              <Button type="primary" loading={busy} onClick={() => void run(true)}>
                {t('filing.submit')}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
