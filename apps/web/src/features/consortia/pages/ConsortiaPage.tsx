import { useState } from 'react';
import { Button, Card, Form, Input, List, message, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { MeQuery } from '../../account/operations';
import { CONSORTIUM_STATUS_COLOURS, leadableOrganisations } from '../logic';
import { ConsortiumIndustriesQuery, CreateConsortiumMutation, MyConsortiaQuery } from '../operations';

interface CreateForm {
  leadOrganisationId: string;
  name: string;
  goal: string;
  industryCode?: string;
}

const FIELDS = ['leadOrganisationId', 'name', 'goal', 'industryCode'] as const;

/** The consortia of the viewer's organisations (led, joined, invited to); an enterprise's member creates one. */
export default function ConsortiaPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateForm>();
  const [creating, setCreating] = useState(false);
  const me = useQuery(MeQuery);
  const { data, loading, error, refetch } = useQuery(MyConsortiaQuery);
  const [create, created] = useMutation(CreateConsortiumMutation);
  const industries = useQuery(ConsortiumIndustriesQuery, { skip: !creating });
  const leadable = leadableOrganisations(me.data?.me?.memberships ?? []);
  const consortia = data?.myConsortia ?? [];

  const onCreate = async (values: CreateForm) => {
    try {
      const result = await create({
        variables: { input: { ...values, industryCode: values.industryCode?.trim() || null } },
      });
      void message.success(t('consortia.form.created'));
      const id = result.data?.createConsortium.id;
      if (id) void navigate(`/workspace/consortia/${id}`);
    } catch (problem) {
      const described = describeApiError(problem);
      const fields = formFieldErrors(described, FIELDS);
      if (fields.length) form.setFields(fields);
      else void message.error(described.message);
    }
  };

  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('consortia.my.title')}
        </Typography.Title>
        <Space wrap>
          <Link to="/workspace/consortia/invitations">{t('consortia.invitations.link')}</Link>
          {leadable.length > 0 && (
            <Button type="primary" onClick={() => setCreating((shown) => !shown)}>
              {t('consortia.my.create')}
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t('consortia.my.intro')}</Typography.Paragraph>
      {creating && leadable.length > 0 && (
        <Card style={{ marginBottom: 16 }}>
          <Form<CreateForm>
            form={form}
            layout="vertical"
            initialValues={{ leadOrganisationId: leadable[0]?.id }}
            onFinish={(values) => void onCreate(values)}
          >
            <Form.Item name="leadOrganisationId" label={t('consortia.form.lead')} rules={[{ required: true }]}>
              <Select options={leadable.map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
            <Form.Item name="name" label={t('consortia.form.name')} rules={[{ required: true, min: 2, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="goal" label={t('consortia.form.goal')} rules={[{ required: true, min: 2, max: 5000 }]}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Form.Item name="industryCode" label={t('consortia.form.industryCode')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={industries.loading}
                options={(industries.data?.industries ?? []).map((industry) => ({
                  value: industry.code,
                  label: i18n.language.startsWith('zh') ? industry.nameZh : industry.nameEn,
                }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={created.loading}>
              {t('consortia.form.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <ListStates
        loading={loading}
        error={error}
        empty={consortia.length === 0}
        emptyText={t('consortia.my.empty')}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={consortia}
          renderItem={(consortium) => (
            <List.Item key={consortium.id}>
              <List.Item.Meta
                title={<Link to={`/workspace/consortia/${consortium.id}`}>{consortium.name}</Link>}
                description={t('consortia.ledBy', { name: consortium.leadOrganisation?.name ?? '—' })}
              />
              <Tag color={CONSORTIUM_STATUS_COLOURS[consortium.status]}>
                {t(`consortia.status.${consortium.status}`)}
              </Tag>
            </List.Item>
          )}
        />
      </ListStates>
    </div>
  );
}
