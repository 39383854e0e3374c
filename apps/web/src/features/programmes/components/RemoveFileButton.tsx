import { Button, Popconfirm, message } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { RemoveEvaluationAttachmentMutation, RemoveRewardEvidenceMutation } from '../operations';

/** Whose file it is: a reward application's evidence or an evaluation report's attachment. */
export type RemovableFileOwner = { kind: 'reward'; applicationId: string } | { kind: 'evaluation'; reportId: string };

/**
 * 删除材料: the applicants remove a file they attached (the API deletes it, and refuses once the application or
 * report is no longer editable), after confirming. The mutation answers the whole application or report, so the
 * cache shows the list without it.
 */
export function RemoveFileButton({
  owner,
  file,
  onRemoved,
}: {
  owner: RemovableFileOwner;
  file: { fileId: string; name: string };
  onRemoved?: () => void;
}) {
  const { t } = useTranslation();
  const [removeEvidence, evidence] = useMutation(RemoveRewardEvidenceMutation);
  const [removeAttachment, attachment] = useMutation(RemoveEvaluationAttachmentMutation);
  const confirm = async () => {
    try {
      if (owner.kind === 'reward')
        await removeEvidence({ variables: { applicationId: owner.applicationId, fileId: file.fileId } });
      else await removeAttachment({ variables: { reportId: owner.reportId, fileId: file.fileId } });
      void message.success(t('programmes.removeFile.removed', { name: file.name }));
      onRemoved?.();
    } catch (problem) {
      void message.error(describeApiError(problem).message);
    }
  };
  return (
    <Popconfirm
      title={t('programmes.removeFile.confirmTitle')}
      description={t('programmes.removeFile.confirmText', { name: file.name })}
      okText={t('programmes.removeFile.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: evidence.loading || attachment.loading }}
      onConfirm={() => void confirm()}
    >
      <Button
        danger
        type="text"
        size="small"
        icon={<DeleteOutlined />}
        aria-label={t('programmes.removeFile.removeOf', { name: file.name })}
      />
    </Popconfirm>
  );
}
