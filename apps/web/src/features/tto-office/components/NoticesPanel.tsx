import { useState } from 'react';
import { Button, Card, Form, Input, List, message, Modal, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { OfficeNoticesQuery, TriageObjectionMutation } from '../operations';

interface Decision {
  objectionId: string;
  uphold: boolean;
}

/** 公示与异议: objections waiting for triage (uphold: back to review; dismiss: the notice runs on) and running notices. */
export function NoticesPanel({ institutionId }: { institutionId: string }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(OfficeNoticesQuery, {
    variables: { institutionId },
    fetchPolicy: 'cache-and-network',
  });
  const [triage, triaging] = useMutation(TriageObjectionMutation);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [form] = Form.useForm<{ resolution: string }>();
  const objected = data?.objected.nodes ?? [];
  const running = data?.running.nodes ?? [];

  const decide = async () => {
    if (!decision) return;
    const { resolution } = await form.validateFields();
    try {
      await triage({ variables: { ...decision, resolution } });
      message.success(decision.uphold ? t('ttoOffice.notices.upheld') : t('ttoOffice.notices.dismissed'));
      setDecision(null);
      form.resetFields();
      await refetch();
    } catch (failure) {
      const problem = describeApiError(failure);
      const fields = formFieldErrors(problem, ['resolution'] as const);
      if (fields.length) form.setFields(fields);
      else message.error(problem.message);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('ttoOffice.notices.objectionsTitle', { count: data?.objected.totalCount ?? 0 })}
          </Typography.Title>
        }
      >
        <ListStates
          loading={loading}
          error={error}
          empty={objected.length === 0}
          emptyText={t('ttoOffice.notices.noObjections')}
          onRetry={() => void refetch()}
        >
          <List
            dataSource={objected}
            renderItem={(achievement) => (
              <List.Item key={achievement.id} style={{ display: 'block' }}>
                <Typography.Text strong>{achievement.title}</Typography.Text>{' '}
                <Tag>{t(`ttoOffice.status.${achievement.status}`, { defaultValue: achievement.status })}</Tag>
                <List
                  size="small"
                  dataSource={achievement.objections.filter((objection) => !objection.resolvedAt)}
                  renderItem={(objection) => (
                    <List.Item
                      key={objection.id}
                      actions={[
                        <Button
                          key="uphold"
                          size="small"
                          style={{ color: TAG_COLOURS.danger, borderColor: TAG_COLOURS.danger }}
                          onClick={() => setDecision({ objectionId: objection.id, uphold: true })}
                        >
                          {t('ttoOffice.notices.uphold')}
                        </Button>,
                        <Button
                          key="dismiss"
                          size="small"
                          onClick={() => setDecision({ objectionId: objection.id, uphold: false })}
                        >
                          {t('ttoOffice.notices.dismiss')}
                        </Button>,
                      ]}
                    >
                      <List.Item.Meta
                        title={objection.reason}
                        description={t('ttoOffice.notices.filedOn', {
                          date: formatDate(objection.createdAt, i18n.language),
                          round: objection.noticeRound,
                        })}
                      />
                    </List.Item>
                  )}
                />
              </List.Item>
            )}
          />
        </ListStates>
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('ttoOffice.notices.runningTitle', { count: data?.running.totalCount ?? 0 })}
          </Typography.Title>
        }
      >
        <ListStates
          loading={loading}
          error={error}
          empty={running.length === 0}
          emptyText={t('ttoOffice.notices.noneRunning')}
          onRetry={() => void refetch()}
        >
          <List
            dataSource={running}
            renderItem={(achievement) => (
              <List.Item key={achievement.id}>
                <List.Item.Meta
                  title={achievement.title}
                  description={
                    achievement.notice
                      ? t('ttoOffice.notices.window', {
                          from: formatDate(achievement.notice.startsAt, i18n.language),
                          to: formatDate(achievement.notice.endsAt, i18n.language),
                          round: achievement.notice.round,
                        })
                      : undefined
                  }
                />
              </List.Item>
            )}
          />
        </ListStates>
      </Card>
      <Modal
        open={!!decision}
        title={decision?.uphold ? t('ttoOffice.notices.upholdTitle') : t('ttoOffice.notices.dismissTitle')}
        okText={decision?.uphold ? t('ttoOffice.notices.uphold') : t('ttoOffice.notices.dismiss')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: triaging.loading }}
        onOk={() => void decide().catch(() => undefined)}
        onCancel={() => setDecision(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="resolution"
            label={t('ttoOffice.notices.resolution')}
            rules={[{ required: true, whitespace: true, message: t('ttoOffice.notices.resolutionRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
