import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, List, message, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EventKind } from '../../../gql/graphql';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { localInput, wallTime } from '../logic';
import { CreateEventMutation, OrganisedEventsQuery, PublishEventMutation } from '../operations';

interface CreateForm {
  kind: EventKind;
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue?: string;
  onlineUrl?: string;
  capacity: number;
  slotMinutes: number;
  keywords?: string;
  industryCodes?: string;
}

const FIELDS = ['title', 'startsAt', 'endsAt', 'timeZone', 'venue', 'onlineUrl', 'capacity', 'slotMinutes'] as const;
const KINDS: EventKind[] = ['MATCHMAKING', 'POLICY_SESSION', 'ROADSHOW'];
const list = (text?: string) =>
  (text ?? '')
    .split(/[,，、]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** The organiser's events (the bureau, a TTO, a broker agency): create a draft, publish, open the desk. */
export default function OrganisedEventsPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateForm>();
  const [creating, setCreating] = useState(false);
  const { data, loading, error, refetch } = useQuery(OrganisedEventsQuery);
  const [create, created] = useMutation(CreateEventMutation);
  const [publish] = useMutation(PublishEventMutation);
  const events = data?.organisedEvents ?? [];
  const tomorrow = new Date(Date.now() + 24 * 3600_000);
  tomorrow.setHours(9, 0, 0, 0);

  const onCreate = async (values: CreateForm) => {
    try {
      await create({
        variables: {
          input: {
            kind: values.kind,
            title: values.title,
            description: values.description ?? '',
            startsAt: values.startsAt,
            endsAt: values.endsAt,
            timeZone: values.timeZone,
            venue: values.venue || null,
            onlineUrl: values.onlineUrl || null,
            capacity: values.capacity,
            slotMinutes: values.slotMinutes,
            keywords: list(values.keywords),
            industryCodes: list(values.industryCodes),
            presentingInstitutionIds: [],
          },
        },
      });
      void message.success(t('events.form.created'));
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

  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('events.workspace.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating((open) => !open)}>
          {t('events.workspace.create')}
        </Button>
      </Space>
      {creating && (
        <Card style={{ marginBottom: 16 }}>
          <Form<CreateForm>
            form={form}
            layout="vertical"
            initialValues={{
              kind: 'MATCHMAKING',
              timeZone: 'Asia/Shanghai',
              capacity: 50,
              slotMinutes: 20,
              startsAt: localInput(tomorrow),
              endsAt: localInput(new Date(tomorrow.getTime() + 3 * 3600_000)),
            }}
            onFinish={(values) => void onCreate(values)}
          >
            <Form.Item name="kind" label={t('events.form.kind')} rules={[{ required: true }]}>
              <Select options={KINDS.map((kind) => ({ value: kind, label: t(`events.kind.${kind}`) }))} />
            </Form.Item>
            <Form.Item name="title" label={t('events.form.title')} rules={[{ required: true, min: 2, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="description" label={t('events.form.description')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="startsAt" label={t('events.form.startsAt')} rules={[{ required: true }]}>
                <Input type="datetime-local" />
              </Form.Item>
              <Form.Item name="endsAt" label={t('events.form.endsAt')} rules={[{ required: true }]}>
                <Input type="datetime-local" />
              </Form.Item>
              <Form.Item name="timeZone" label={t('events.form.timeZone')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name="venue" label={t('events.form.venue')}>
                <Input />
              </Form.Item>
              <Form.Item name="onlineUrl" label={t('events.form.onlineUrl')}>
                <Input type="url" />
              </Form.Item>
              <Form.Item name="capacity" label={t('events.form.capacity')} rules={[{ required: true }]}>
                <InputNumber min={1} max={10000} />
              </Form.Item>
              <Form.Item name="slotMinutes" label={t('events.form.slotMinutes')} rules={[{ required: true }]}>
                <InputNumber min={5} max={240} />
              </Form.Item>
            </Space>
            <Form.Item name="keywords" label={t('events.form.keywords')}>
              <Input />
            </Form.Item>
            <Form.Item name="industryCodes" label={t('events.form.industryCodes')}>
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={created.loading}>
              {t('events.form.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <ListStates
        loading={loading}
        error={error}
        empty={events.length === 0}
        emptyText={t('events.workspace.empty')}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={events}
          renderItem={(event) => (
            <List.Item
              key={event.id}
              actions={[
                event.status === 'DRAFT' && (
                  <Button
                    key="publish"
                    onClick={() =>
                      void publish({ variables: { id: event.id } }).then(
                        () => message.success(t('events.workspace.published')),
                        (problem: unknown) => message.error(describeApiError(problem).message),
                      )
                    }
                  >
                    {t('events.workspace.publish')}
                  </Button>
                ),
                <Link key="manage" to={`/workspace/events/${event.id}/organise`}>
                  {t('events.workspace.manage')}
                </Link>,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={<Link to={`/events/${event.id}`}>{event.title}</Link>}
                description={`${wallTime(event.startsAtLocal)} (${event.timeZone}) · ${t(`events.kind.${event.kind}`)}`}
              />
              <Tag>{t(`events.status.${event.status}`)}</Tag>
            </List.Item>
          )}
        />
      </ListStates>
    </div>
  );
}
