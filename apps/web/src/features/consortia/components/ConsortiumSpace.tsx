import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, List, message, Space, Typography, Upload } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { downloadFile, uploadFile } from '../../../shared/lib/files';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import {
  AddConsortiumMilestoneMutation,
  AttachConsortiumDocumentsMutation,
  ConsortiumSpaceQuery,
  SetConsortiumMilestoneDoneMutation,
} from '../operations';

interface MilestoneForm {
  title: string;
  dueDate: string;
}

/**
 * The members-only space of a consortium (its accepted organisations' people): documents and milestones. The API
 * logs every read of it; the lead enterprise reads that log.
 */
export function ConsortiumSpace({ consortiumId, open }: { consortiumId: string; open: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MilestoneForm>();
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(ConsortiumSpaceQuery, { variables: { id: consortiumId } });
  const [attach] = useMutation(AttachConsortiumDocumentsMutation);
  const [addMilestone, adding] = useMutation(AddConsortiumMilestoneMutation);
  const [setDone] = useMutation(SetConsortiumMilestoneDoneMutation);
  const documents = data?.consortiumDocuments ?? [];
  const milestones = data?.consortiumMilestones ?? [];
  const fail = (failure: unknown) => void message.error(describeApiError(failure).message);

  const onUpload = async (file: File) => {
    setUploading(true);
    setProblem(null);
    try {
      const stored = await uploadFile(file, file.name);
      await attach({ variables: { input: { consortiumId, fileIds: [stored.id] } } });
      void message.success(t('consortia.space.uploaded'));
      await refetch();
    } catch (failure) {
      setProblem(t('consortia.space.uploadRefused', { name: file.name, message: (failure as Error).message }));
    } finally {
      setUploading(false);
    }
  };
  const onAddMilestone = async (values: MilestoneForm) => {
    try {
      await addMilestone({ variables: { input: { consortiumId, ...values } } });
      form.resetFields();
      await refetch();
    } catch (failure) {
      fail(failure);
    }
  };

  return (
    <Card title={t('consortia.space.title')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('consortia.space.logged')}</Typography.Paragraph>
      <ListStates loading={loading} error={error} empty={false} onRetry={() => void refetch()}>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('consortia.space.documents')}
        </Typography.Title>
        <List
          size="small"
          dataSource={documents}
          locale={{ emptyText: t('consortia.space.noDocuments') }}
          renderItem={(file) => (
            <List.Item
              key={file.fileId}
              actions={[
                <Button
                  key="download"
                  type="link"
                  aria-label={t('consortia.space.downloadNamed', { name: file.name })}
                  onClick={() => void downloadFile(file.url, file.name).catch(fail)}
                >
                  {t('consortia.space.download')}
                </Button>,
              ]}
            >
              {file.name} · {Math.ceil(file.sizeBytes / 1024)} KB
            </List.Item>
          )}
        />
        {open && (
          <Upload
            accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.zip"
            showUploadList={false}
            customRequest={({ file, onSuccess }) => {
              void onUpload(file as File).then(() => onSuccess?.({}));
            }}
          >
            <Button loading={uploading} style={{ marginTop: 8 }}>
              {t('consortia.space.upload')}
            </Button>
          </Upload>
        )}
        {problem && <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} title={problem} />}

        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
          {t('consortia.space.milestones')}
        </Typography.Title>
        <List
          size="small"
          dataSource={milestones}
          locale={{ emptyText: t('consortia.space.noMilestones') }}
          renderItem={(milestone) => (
            <List.Item key={milestone.id}>
              <Checkbox
                checked={milestone.doneAt !== null && milestone.doneAt !== undefined}
                disabled={!open}
                onChange={(event) =>
                  void setDone({ variables: { input: { milestoneId: milestone.id, done: event.target.checked } } })
                    .then(() => refetch())
                    .catch(fail)
                }
              >
                {milestone.title}
              </Checkbox>
              <Typography.Text type="secondary">
                {t('consortia.space.due', { date: milestone.dueDate })}
              </Typography.Text>
            </List.Item>
          )}
        />
        {open && (
          <Form<MilestoneForm> form={form} layout="inline" onFinish={(values) => void onAddMilestone(values)}>
            <Form.Item name="title" label={t('consortia.space.milestoneTitle')} rules={[{ required: true, max: 300 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="dueDate" label={t('consortia.space.dueDate')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Space>
              <Button htmlType="submit" loading={adding.loading}>
                {t('consortia.space.addMilestone')}
              </Button>
            </Space>
          </Form>
        )}
      </ListStates>
    </Card>
  );
}
