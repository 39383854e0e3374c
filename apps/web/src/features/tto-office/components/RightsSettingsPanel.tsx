import { useEffect } from 'react';
import { Button, Card, Form, InputNumber, message, Select, Space } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, ListLoading } from '../../../shared/ui/states';
import { periodInUnits, periodSeconds, type PeriodUnit } from '../checklist';
import { OfficeRightsSettingsQuery, UpdateRightsSettingsMutation } from '../operations';

interface Values {
  noticeAmount: number;
  noticeUnit: PeriodUnit;
  minTeamSharePercent: number;
  maxTeamSharePercent: number;
  negativeList: string[];
  stalePeriodDays: number;
}
const UNITS: PeriodUnit[] = ['days', 'hours', 'minutes', 'seconds'];

/** 赋权设置: the public-notice period, the team's share bounds, the negative list and when a listing goes stale. */
export function RightsSettingsPanel({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { data, loading, error, refetch } = useQuery(OfficeRightsSettingsQuery, { variables: { institutionId } });
  const [update, updating] = useMutation(UpdateRightsSettingsMutation);
  const settings = data?.achievementSettings;
  useEffect(() => {
    if (!settings) return;
    const period = periodInUnits(settings.noticePeriodSeconds);
    form.setFieldsValue({
      noticeAmount: period.amount,
      noticeUnit: period.unit,
      minTeamSharePercent: settings.minTeamSharePercent,
      maxTeamSharePercent: settings.maxTeamSharePercent,
      negativeList: settings.negativeList,
      stalePeriodDays: settings.stalePeriodDays,
    });
  }, [settings, form]);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <ListLoading />;

  const onSave = async (values: Values) => {
    try {
      await update({
        variables: {
          institutionId,
          input: {
            noticePeriodSeconds: periodSeconds(values.noticeAmount, values.noticeUnit),
            minTeamSharePercent: values.minTeamSharePercent,
            maxTeamSharePercent: values.maxTeamSharePercent,
            negativeList: values.negativeList ?? [],
            stalePeriodDays: values.stalePeriodDays,
          },
        },
      });
      message.success(t('ttoOffice.settings.saved'));
    } catch (failure) {
      const problem = describeApiError(failure);
      const byField: Record<string, keyof Values> = {
        noticePeriodSeconds: 'noticeAmount',
        minTeamSharePercent: 'minTeamSharePercent',
        maxTeamSharePercent: 'maxTeamSharePercent',
        negativeList: 'negativeList',
        stalePeriodDays: 'stalePeriodDays',
      };
      const fields = Object.entries(problem.fields)
        .filter(([name]) => name in byField)
        .map(([name, errors]) => ({ name: byField[name], errors }));
      if (fields.length) form.setFields(fields);
      else message.error(problem.message);
    }
  };

  const required = { required: true, message: t('filing.required') };
  return (
    <Card>
      <Form<Values> form={form} layout="vertical" onFinish={(values) => void onSave(values)} style={{ maxWidth: 560 }}>
        <Form.Item label={t('ttoOffice.settings.noticePeriod')} required extra={t('ttoOffice.settings.noticeHint')}>
          <Space.Compact>
            <Form.Item name="noticeAmount" noStyle rules={[required]}>
              <InputNumber min={1} precision={0} aria-label={t('ttoOffice.settings.noticeAmount')} />
            </Form.Item>
            <Form.Item name="noticeUnit" noStyle>
              <Select
                aria-label={t('ttoOffice.settings.noticeUnit')}
                style={{ width: 100 }}
                options={UNITS.map((unit) => ({ value: unit, label: t(`ttoOffice.settings.units.${unit}`) }))}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="minTeamSharePercent" label={t('ttoOffice.settings.minTeamShare')} rules={[required]}>
            <InputNumber min={0} max={100} suffix="%" />
          </Form.Item>
          <Form.Item name="maxTeamSharePercent" label={t('ttoOffice.settings.maxTeamShare')} rules={[required]}>
            <InputNumber min={0} max={100} suffix="%" />
          </Form.Item>
        </Space>
        <Form.Item
          name="negativeList"
          label={t('ttoOffice.settings.negativeList')}
          extra={t('ttoOffice.settings.negativeHint')}
        >
          <Select mode="tags" open={false} aria-label={t('ttoOffice.settings.negativeList')} />
        </Form.Item>
        <Form.Item name="stalePeriodDays" label={t('ttoOffice.settings.stalePeriodDays')} rules={[required]}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={updating.loading}>
          {t('ttoOffice.settings.save')}
        </Button>
      </Form>
    </Card>
  );
}
