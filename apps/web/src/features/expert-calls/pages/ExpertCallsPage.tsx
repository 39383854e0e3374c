import { useState } from 'react';
import { Button, Card, Form, Input, List, message, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { listOf } from '../logic';
import {
  CloseExpertCallMutation,
  CreateExpertCallMutation,
  ExpertCallsQuery,
  OpenExpertCallMutation,
} from '../operations';

interface CreateForm {
  title: string;
  question: string;
  keywords?: string;
  industryCodes?: string;
  deadline: string;
}

const FIELDS = ['title', 'question', 'deadline'] as const;
/** Solid colours with white text at WCAG AA contrast; a draft stays plain. */
const STATUS_COLOURS: Record<string, string | undefined> = {
  DRAFT: undefined,
  OPEN: TAG_COLOURS.mode,
  CLOSED: TAG_COLOURS.danger,
};

/** The bureau's calls for experts (政府决策课题): create a draft, open, close, go to a call's desk. */
export default function ExpertCallsPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<CreateForm>();
  const [creating, setCreating] = useState(false);
  const { data, loading, error, refetch } = useQuery(ExpertCallsQuery);
  const [create, created] = useMutation(CreateExpertCallMutation);
  const [open] = useMutation(OpenExpertCallMutation);
  const [close] = useMutation(CloseExpertCallMutation);
  const calls = data?.expertCalls ?? [];
  const inAMonth = new Date(Date.now() + 30 * 24 * 3600_000);
  const localValue = (date: Date) =>
    new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

  const onCreate = async (values: CreateForm) => {
    try {
      await create({
        variables: {
          input: {
            title: values.title,
            question: values.question,
            keywords: listOf(values.keywords),
            industryCodes: listOf(values.industryCodes),
            deadline: new Date(values.deadline).toISOString(),
          },
        },
      });
      void message.success(t('expertCalls.form.created'));
      setCreating(false);
      form.resetFields();
      await refetch();
    } catch (problem) {
      const described = describeApiError(problem);
      const fields = formFieldErrors(described, FIELDS);
      if (fields.length) form.setFields(fields);
      else void message.error(described.message);
    }
  };
  const act = (action: Promise<unknown>, done: string) =>
    void action.then(
      () => message.success(done),
      (problem: unknown) => message.error(describeApiError(problem).message),
    );

  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('expertCalls.bureau.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating((shown) => !shown)}>
          {t('expertCalls.bureau.create')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('expertCalls.bureau.intro')}</Typography.Paragraph>
      {creating && (
        <Card style={{ marginBottom: 16 }}>
          <Form<CreateForm>
            form={form}
            layout="vertical"
            initialValues={{ deadline: localValue(inAMonth) }}
            onFinish={(values) => void onCreate(values)}
          >
            <Form.Item name="title" label={t('expertCalls.form.title')} rules={[{ required: true, min: 2, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="question"
              label={t('expertCalls.form.question')}
              rules={[{ required: true, min: 2, max: 5000 }]}
            >
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Form.Item name="keywords" label={t('expertCalls.form.keywords')}>
              <Input />
            </Form.Item>
            <Form.Item name="industryCodes" label={t('expertCalls.form.industryCodes')}>
              <Input />
            </Form.Item>
            <Form.Item name="deadline" label={t('expertCalls.form.deadline')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={created.loading}>
              {t('expertCalls.form.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <ListStates
        loading={loading}
        error={error}
        empty={calls.length === 0}
        emptyText={t('expertCalls.bureau.empty')}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={calls}
          renderItem={(call) => (
            <List.Item
              key={call.id}
              actions={[
                call.status === 'DRAFT' && (
                  <Button
                    key="open"
                    onClick={() => act(open({ variables: { id: call.id } }), t('expertCalls.bureau.opened'))}
                  >
                    {t('expertCalls.bureau.open')}
                  </Button>
                ),
                call.status === 'OPEN' && (
                  <Button
                    key="close"
                    onClick={() => act(close({ variables: { id: call.id } }), t('expertCalls.bureau.closed'))}
                  >
                    {t('expertCalls.bureau.close')}
                  </Button>
                ),
                <Link key="desk" to={`/workspace/expert-calls/${call.id}`}>
                  {t('expertCalls.bureau.manage')}
                </Link>,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={<Link to={`/workspace/expert-calls/${call.id}`}>{call.title}</Link>}
                description={t('expertCalls.deadline', {
                  deadline: new Date(call.deadline).toLocaleString(i18n.language),
                })}
              />
              <Tag color={STATUS_COLOURS[call.status]}>{t(`expertCalls.status.${call.status}`)}</Tag>
            </List.Item>
          )}
        />
      </ListStates>
    </div>
  );
}
