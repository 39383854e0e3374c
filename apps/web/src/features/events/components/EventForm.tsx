import { useMemo } from 'react';
import { Button, Form, Input, InputNumber, message, Select, Space } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import {
  createEventInput,
  type EditableEvent,
  type EventFormValues,
  formValuesOf,
  localInput,
  updateEventInput,
} from '../logic';
import { CreateEventMutation, PresentingInstitutionChoicesQuery, UpdateEventMutation } from '../operations';

const FIELDS = [
  'title',
  'startsAt',
  'endsAt',
  'timeZone',
  'venue',
  'onlineUrl',
  'capacity',
  'slotMinutes',
  'presentingInstitutionIds',
] as const;
const KINDS: EventFormValues['kind'][] = ['MATCHMAKING', 'POLICY_SESSION', 'ROADSHOW'];

interface Props {
  /** The event to edit; without it the form creates a draft. */
  event?: (EditableEvent & { id: string }) | null;
  onSaved: () => void;
}

/**
 * The organiser's event form, for a new draft or an edit: kind, title, times in the event's zone, place,
 * capacity, themes, and the presenting institutions (verified universities, institutes and new R&D institutions),
 * whose listings and experts the invitation proposals start from.
 */
export function EventForm({ event, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EventFormValues>();
  const choices = useQuery(PresentingInstitutionChoicesQuery);
  const [create, created] = useMutation(CreateEventMutation);
  const [update, updated] = useMutation(UpdateEventMutation);
  const editing = !!event;

  const initialValues = useMemo<Partial<EventFormValues>>(() => {
    if (event) return formValuesOf(event);
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    tomorrow.setHours(9, 0, 0, 0);
    return {
      kind: 'MATCHMAKING',
      timeZone: 'Asia/Shanghai',
      capacity: 50,
      slotMinutes: 20,
      startsAt: localInput(tomorrow),
      endsAt: localInput(new Date(tomorrow.getTime() + 3 * 3600_000)),
      presentingInstitutionIds: [],
    };
  }, [event]);

  const institutions = useMemo(() => {
    const data = choices.data;
    if (!data) return [];
    return [
      { label: t('events.form.institutionKind.UNIVERSITY'), options: data.universities },
      { label: t('events.form.institutionKind.RESEARCH_INSTITUTE'), options: data.institutes },
      { label: t('events.form.institutionKind.NEW_RD_INSTITUTION'), options: data.rdInstitutions },
    ]
      .filter((group) => group.options.length > 0)
      .map((group) => ({
        label: group.label,
        options: group.options.map((organisation) => ({ value: organisation.id, label: organisation.name })),
      }));
  }, [choices.data, t]);

  const onFinish = async (values: EventFormValues) => {
    try {
      if (event) {
        await update({ variables: { input: updateEventInput(event.id, values) } });
        void message.success(t('events.form.updated'));
      } else {
        await create({ variables: { input: createEventInput(values) } });
        void message.success(t('events.form.created'));
        form.resetFields();
      }
      onSaved();
    } catch (problem) {
      const described = describeApiError(problem);
      const fields = formFieldErrors(described, FIELDS);
      if (fields.length) form.setFields(fields);
      else void message.error(described.message);
    }
  };

  return (
    <Form<EventFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => void onFinish(values)}
    >
      <Form.Item name="kind" label={t('events.form.kind')} rules={[{ required: true }]}>
        <Select disabled={editing} options={KINDS.map((kind) => ({ value: kind, label: t(`events.kind.${kind}`) }))} />
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
          <InputNumber min={5} max={240} disabled={editing} />
        </Form.Item>
      </Space>
      <Form.Item
        name="presentingInstitutionIds"
        label={t('events.form.presentingInstitutions')}
        extra={t('events.form.presentingInstitutionsHelp')}
      >
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={choices.loading}
          options={institutions}
          placeholder={t('events.form.presentingInstitutionsPlaceholder')}
        />
      </Form.Item>
      <Form.Item name="keywords" label={t('events.form.keywords')}>
        <Input />
      </Form.Item>
      <Form.Item name="industryCodes" label={t('events.form.industryCodes')}>
        <Input />
      </Form.Item>
      {editing && <p>{t('events.form.editNote')}</p>}
      <Button type="primary" htmlType="submit" loading={created.loading || updated.loading}>
        {editing ? t('events.form.save') : t('events.form.submit')}
      </Button>
    </Form>
  );
}
