import { Alert, Button, Card, Form, Input, List, message, Select, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { formatDate } from '../../../shared/lib/format';
import { ListStates } from '../../../shared/ui/states';
import { ApplyForCatalogueMutation, MyCatalogueApplicationsQuery } from '../operations';
import { CATALOGUE_STATUS_COLOURS } from '../status';

interface ApplicationValues {
  achievementKey?: string;
  productName?: string;
  description?: string;
}

/** An enterprise applies to the recommended catalogue with a product from an achievement it acquired. */
export default function CatalogueApplicationsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(MyCatalogueApplicationsQuery, { skip: !session });
  const [apply, applying] = useMutation(ApplyForCatalogueMutation);
  const [form] = Form.useForm<ApplicationValues>();
  const [failure, setFailure] = useState<string | null>(null);
  if (!session) return <Navigate to="/sign-in?next=/workspace/catalogue" replace />;
  const eligible = data?.catalogueEligibleAchievements ?? [];
  const mine = data?.myCatalogueApplications ?? [];
  const submit = (values: ApplicationValues) => {
    const chosen = eligible.find((e) => `${e.enterpriseId}:${e.achievementId}` === values.achievementKey);
    if (!chosen) return;
    setFailure(null);
    void apply({
      variables: {
        input: {
          enterpriseId: chosen.enterpriseId,
          achievementId: chosen.achievementId,
          productName: values.productName ?? '',
          description: values.description ?? '',
        },
      },
    }).then(
      async () => {
        message.success(t('catalogue.apply.submitted'));
        form.resetFields();
        await refetch();
      },
      (failed: unknown) => setFailure(describeApiError(failed).message),
    );
  };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('catalogue.apply.title')}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('catalogue.apply.hint')}</Typography.Paragraph>
        {failure && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={failure} />}
        {!loading && eligible.length === 0 ? (
          <Alert type="info" showIcon title={t('catalogue.apply.noAchievements')} />
        ) : (
          <Form form={form} layout="vertical" onFinish={submit} disabled={loading}>
            <Form.Item
              name="achievementKey"
              label={t('catalogue.apply.achievement')}
              rules={[{ required: true, message: t('enterprise.form.errors.required') }]}
            >
              <Select
                options={eligible.map((e) => ({
                  value: `${e.enterpriseId}:${e.achievementId}`,
                  label: `${e.achievementTitle} · ${e.enterpriseName}`,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="productName"
              label={t('catalogue.apply.productName')}
              rules={[{ required: true, whitespace: true, min: 2, message: t('enterprise.form.errors.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('catalogue.apply.description')}
              rules={[{ required: true, whitespace: true, message: t('enterprise.form.errors.required') }]}
            >
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={applying.loading}>
              {t('catalogue.apply.submit')}
            </Button>
          </Form>
        )}
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('catalogue.apply.mine')}</h2>}>
        <ListStates
          loading={loading && !data}
          error={error}
          empty={mine.length === 0}
          emptyText={t('catalogue.apply.empty')}
          onRetry={() => void refetch()}
        >
          <List
            dataSource={mine}
            renderItem={(entry) => (
              <List.Item key={entry.id}>
                <List.Item.Meta
                  title={entry.productName}
                  description={
                    <>
                      {entry.achievementTitle} · {formatDate(entry.createdAt, i18n.language)}
                      {entry.rejectionReason && (
                        <div>{t('catalogue.rejectionReason', { reason: entry.rejectionReason })}</div>
                      )}
                    </>
                  }
                />
                <Tag color={CATALOGUE_STATUS_COLOURS[entry.status]}>{t(`catalogue.status.${entry.status}`)}</Tag>
              </List.Item>
            )}
          />
        </ListStates>
      </Card>
    </div>
  );
}
