import { useState } from 'react';
import { Button, Card, Form, Input, List, message, Modal, Tag } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import {
  ApproveMembershipRequestMutation,
  MembershipRequestsQuery,
  RejectMembershipRequestMutation,
} from '../operations';

/** 成员申请: people asking to join the institution; approve, or reject with a reason the applicant sees. */
export function MembershipRequestsPanel({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MembershipRequestsQuery, {
    variables: { organisationId },
    fetchPolicy: 'cache-and-network',
  });
  const [approve] = useMutation(ApproveMembershipRequestMutation);
  const [reject, rejecting] = useMutation(RejectMembershipRequestMutation);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejectingId, setRejectingId] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const requests = data?.organisationMemberships.nodes ?? [];

  const onApprove = async (membershipId: string) => {
    setBusy(membershipId);
    try {
      await approve({ variables: { membershipId } });
      message.success(t('ttoOffice.members.approved'));
      await refetch();
    } catch (failure) {
      message.error(describeApiError(failure).message);
    } finally {
      setBusy(null);
    }
  };
  const onReject = async () => {
    if (!rejectingId) return;
    const { reason } = await form.validateFields();
    try {
      await reject({ variables: { membershipId: rejectingId, reason } });
      message.success(t('ttoOffice.members.rejected'));
      setRejectingId(null);
      form.resetFields();
      await refetch();
    } catch (failure) {
      const problem = describeApiError(failure);
      const fields = formFieldErrors(problem, ['reason'] as const);
      if (fields.length) form.setFields(fields);
      else message.error(problem.message);
    }
  };

  return (
    <Card>
      <ListStates
        loading={loading}
        error={error}
        empty={requests.length === 0}
        emptyText={t('ttoOffice.members.empty')}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={requests}
          renderItem={(request) => {
            const name = request.member?.displayName ?? t('ttoOffice.members.unknown');
            return (
              <List.Item
                key={request.id}
                actions={[
                  <Button
                    key="approve"
                    type="primary"
                    size="small"
                    loading={busy === request.id}
                    onClick={() => void onApprove(request.id)}
                    aria-label={t('ttoOffice.members.approveNamed', { name })}
                  >
                    {t('ttoOffice.members.approve')}
                  </Button>,
                  <Button
                    key="reject"
                    size="small"
                    style={{ color: TAG_COLOURS.danger, borderColor: TAG_COLOURS.danger }}
                    onClick={() => setRejectingId(request.id)}
                    aria-label={t('ttoOffice.members.rejectNamed', { name })}
                  >
                    {t('ttoOffice.members.reject')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <span>
                      {name} <Tag>{t(`roles.${request.role}`)}</Tag>
                      {request.member && !request.member.emailVerified && (
                        <Tag color={TAG_COLOURS.warning}>{t('ttoOffice.members.unverified')}</Tag>
                      )}
                    </span>
                  }
                  description={t('ttoOffice.members.requested', {
                    email: request.member?.email ?? '',
                    date: formatDate(request.createdAt, i18n.language),
                  })}
                />
              </List.Item>
            );
          }}
        />
      </ListStates>
      <Modal
        open={!!rejectingId}
        title={t('ttoOffice.members.rejectTitle')}
        okText={t('ttoOffice.members.reject')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: rejecting.loading, style: { background: TAG_COLOURS.danger } }}
        onOk={() => void onReject().catch(() => undefined)}
        onCancel={() => setRejectingId(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('ttoOffice.members.reason')}
            rules={[{ required: true, whitespace: true, message: t('ttoOffice.members.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
