import { useEffect } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  message,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import type { ExpertService, ExpertVisibility } from '../../../gql/graphql';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { CreateMyExpertProfileMutation, MyExpertProfileQuery, UpdateMyExpertProfileMutation } from '../operations';

const SERVICES: ExpertService[] = ['CONSULTING', 'JOINT_RD', 'LECTURING', 'PART_TIME'];

interface Values {
  name: string;
  title?: string;
  bio?: string;
  researchFields?: string[];
  keywords?: string[];
  services?: ExpertService[];
  availability?: string;
  languages?: string[];
  region?: string;
  contactEmail?: string;
  contactPhone?: string;
  visibility: ExpertVisibility;
  listed: boolean;
}
const FIELDS: (keyof Values)[] = [
  'name',
  'title',
  'bio',
  'researchFields',
  'keywords',
  'services',
  'availability',
  'languages',
  'region',
  'contactEmail',
  'contactPhone',
  'visibility',
  'listed',
];

/** 我的专家档案: the researcher's own expert profile, created on first save; listed (in the hall) or not. */
export default function ExpertProfilePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [form] = Form.useForm<Values>();
  const { data, loading, error, refetch } = useQuery(MyExpertProfileQuery, { skip: !session });
  const [create, creating] = useMutation(CreateMyExpertProfileMutation, { refetchQueries: ['MyExpertProfile'] });
  const [update, updating] = useMutation(UpdateMyExpertProfileMutation);
  const profile = data?.experts.nodes[0];
  useEffect(() => {
    if (profile) form.setFieldsValue({ ...profile, title: profile.title ?? undefined } as Partial<Values>);
  }, [profile, form]);
  if (!session) return <Navigate to="/sign-in?next=/workspace/expert-profile" replace />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <PageLoading />;

  const onSave = async (values: Values) => {
    const input = {
      ...values,
      title: values.title || null,
      availability: values.availability || null,
      region: values.region || null,
      contactEmail: values.contactEmail || null,
      contactPhone: values.contactPhone || null,
    };
    try {
      if (profile) await update({ variables: { id: profile.id, input } });
      else {
        const { listed, ...createInput } = input;
        const created = await create({ variables: { input: createInput } });
        const id = created.data?.createExpertProfile.id;
        if (id && created.data?.createExpertProfile.listed !== listed)
          await update({ variables: { id, input: { listed } } });
      }
      message.success(t('researcher.expert.saved'));
    } catch (failure) {
      const problem = describeApiError(failure);
      const fields = formFieldErrors(problem, FIELDS);
      if (fields.length) form.setFields(fields);
      else message.error(problem.message);
    }
  };

  return (
    <div>
      <Link to="/workspace">{t('researcher.backToWorkspace')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('researcher.expert.title')}{' '}
        {profile && (
          <Tag color={profile.listed ? TAG_COLOURS.mode : 'default'}>
            {profile.listed ? t('researcher.expert.listedTag') : t('researcher.expert.unlistedTag')}
          </Tag>
        )}
      </Typography.Title>
      {!profile && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('researcher.expert.none')} />}
      {profile?.listed && (
        <Typography.Paragraph>
          <Link to={`/experts/${profile.id}`}>{t('researcher.expert.publicPage')}</Link>
        </Typography.Paragraph>
      )}
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ name: session.user.displayName, visibility: 'PUBLIC', listed: true, services: [] }}
          onFinish={(values) => void onSave(values)}
        >
          <Form.Item
            name="name"
            label={t('researcher.expert.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('filing.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="title" label={t('researcher.expert.fields.title')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="bio" label={t('researcher.expert.fields.bio')}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="researchFields" label={t('researcher.expert.fields.researchFields')}>
            <Select mode="tags" open={false} aria-label={t('researcher.expert.fields.researchFields')} />
          </Form.Item>
          <Form.Item name="keywords" label={t('researcher.expert.fields.keywords')}>
            <Select mode="tags" open={false} aria-label={t('researcher.expert.fields.keywords')} />
          </Form.Item>
          <Form.Item name="services" label={t('researcher.expert.fields.services')}>
            <Checkbox.Group
              options={SERVICES.map((value) => ({ value, label: t(`researcher.expert.services.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="availability" label={t('researcher.expert.fields.availability')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="languages" label={t('researcher.expert.fields.languages')}>
            <Select mode="tags" open={false} aria-label={t('researcher.expert.fields.languages')} />
          </Form.Item>
          <Form.Item name="region" label={t('researcher.expert.fields.region')}>
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="contactEmail" label={t('researcher.expert.fields.contactEmail')}>
              <Input type="email" />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('researcher.expert.fields.contactPhone')}>
              <Input />
            </Form.Item>
          </Space>
          <Form.Item name="visibility" label={t('researcher.expert.fields.visibility')}>
            <Radio.Group>
              <Radio value="PUBLIC">{t('researcher.expert.visibility.PUBLIC')}</Radio>
              <Radio value="MEMBERS_ONLY">{t('researcher.expert.visibility.MEMBERS_ONLY')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="listed"
            label={t('researcher.expert.fields.listed')}
            valuePropName="checked"
            extra={t('researcher.expert.listedHint')}
          >
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={creating.loading || updating.loading}>
            {t('researcher.expert.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
