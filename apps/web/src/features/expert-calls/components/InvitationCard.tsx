import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnswerExpertCallInvitationInput, SubmitExpertCallResponseInput } from '../../../gql/graphql';
import { downloadFile } from '../../../shared/lib/files';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { AttachmentsField, type AttachmentValue } from '../../my-achievements/components/AttachmentsField';
import type { ExpertCallInvitationPartsFragment, ExpertCallPartsFragment } from '../operations';
import { takingAnswers } from '../logic';

export type InvitationWithCall = ExpertCallInvitationPartsFragment & { call: ExpertCallPartsFragment };

/** Solid colours with white text at WCAG AA contrast; a declined invitation stays plain. */
const STATUS_COLOURS: Record<string, string | undefined> = {
  INVITED: TAG_COLOURS.warning,
  ACCEPTED: TAG_COLOURS.mode,
  DECLINED: undefined,
};

/**
 * One invitation to a call for experts, as the invited expert sees it: the question and deadline, accept or
 * decline (a decline with an optional reason), and once accepted the response form (submitted again: replaced).
 */
export function InvitationCard({
  invitation,
  loading,
  now = new Date(),
  onAnswer,
  onRespond,
}: {
  invitation: InvitationWithCall;
  loading: boolean;
  now?: Date;
  onAnswer: (input: AnswerExpertCallInvitationInput) => void;
  onRespond: (input: SubmitExpertCallResponseInput) => void;
}) {
  const { t, i18n } = useTranslation();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const open = takingAnswers(invitation.call, now);
  const deadline = new Date(invitation.call.deadline).toLocaleString(i18n.language);
  return (
    <Card
      title={invitation.call.title}
      extra={
        <Tag color={STATUS_COLOURS[invitation.status]}>{t(`expertCalls.invitationStatus.${invitation.status}`)}</Tag>
      }
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{invitation.call.question}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('expertCalls.deadline', { deadline })}</Typography.Paragraph>
      {invitation.matchedTerms.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('expertCalls.matchedTerms')}{' '}
          {invitation.matchedTerms.map((term) => (
            <Tag key={term}>{term}</Tag>
          ))}
        </Typography.Paragraph>
      )}
      {!open && <Alert type="info" showIcon title={t('expertCalls.my.closed')} style={{ marginBottom: 12 }} />}
      {open && invitation.status === 'INVITED' && !declining && (
        <Space>
          <Button
            type="primary"
            loading={loading}
            onClick={() => onAnswer({ invitationId: invitation.id, accept: true })}
          >
            {t('expertCalls.my.accept')}
          </Button>
          <Button onClick={() => setDeclining(true)}>{t('expertCalls.my.decline')}</Button>
        </Space>
      )}
      {open && invitation.status === 'INVITED' && declining && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            aria-label={t('expertCalls.my.declineReason')}
            placeholder={t('expertCalls.my.declineReason')}
            rows={2}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <Space>
            <Button
              danger
              loading={loading}
              onClick={() =>
                onAnswer({ invitationId: invitation.id, accept: false, reason: reason.trim() ? reason.trim() : null })
              }
            >
              {t('expertCalls.my.confirmDecline')}
            </Button>
            <Button onClick={() => setDeclining(false)}>{t('expertCalls.my.cancel')}</Button>
          </Space>
        </Space>
      )}
      {invitation.status === 'DECLINED' && invitation.declineReason && (
        <Typography.Paragraph type="secondary">
          {t('expertCalls.my.declinedBecause', { reason: invitation.declineReason })}
        </Typography.Paragraph>
      )}
      {invitation.status === 'ACCEPTED' && invitation.respondedAt && (
        <Typography.Paragraph type="secondary">
          {t('expertCalls.my.respondedAt', { at: new Date(invitation.respondedAt).toLocaleString(i18n.language) })}
        </Typography.Paragraph>
      )}
      {invitation.responseAttachments.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          {t('expertCalls.my.attached')}
          {invitation.responseAttachments.map((file) => (
            <Button key={file.fileId} type="link" onClick={() => void downloadFile(file.url, file.name)}>
              {file.name}
            </Button>
          ))}
        </Space>
      )}
      {invitation.status === 'ACCEPTED' && open && (
        <Form<{ text: string; attachments?: AttachmentValue[] }>
          layout="vertical"
          initialValues={{ text: invitation.response ?? '', attachments: [] }}
          onFinish={(values) =>
            onRespond({
              invitationId: invitation.id,
              text: values.text.trim(),
              attachmentFileIds: (values.attachments ?? []).flatMap((file) => (file.fileId ? [file.fileId] : [])),
            })
          }
        >
          <Form.Item
            name="text"
            label={t('expertCalls.my.response')}
            rules={[{ required: true, whitespace: true, message: t('expertCalls.my.responseRequired') }]}
          >
            <Input.TextArea rows={6} maxLength={20000} />
          </Form.Item>
          <Form.Item name="attachments" label={t('expertCalls.my.attachments')}>
            <AttachmentsField />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={loading}>
            {invitation.respondedAt ? t('expertCalls.my.resubmit') : t('expertCalls.my.submit')}
          </Button>
        </Form>
      )}
      {invitation.status === 'ACCEPTED' && !open && invitation.response && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{invitation.response}</Typography.Paragraph>
      )}
    </Card>
  );
}
