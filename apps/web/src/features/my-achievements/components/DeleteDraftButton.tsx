import { Button, Popconfirm, message } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { DeleteAchievementDraftMutation } from '../operations';

/**
 * 删除草稿: a draft achievement's team deletes it after confirming (the API refuses anything but a DRAFT). Shown only
 * for drafts; `onDeleted` refreshes the list.
 */
export function DeleteDraftButton({
  achievement,
  onDeleted,
}: {
  achievement: { id: string; title: string };
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const [remove, { loading }] = useMutation(DeleteAchievementDraftMutation);
  const confirm = async () => {
    try {
      await remove({ variables: { id: achievement.id } });
      message.success(t('researcher.drafts.deleted', { title: achievement.title }));
      onDeleted();
    } catch (problem) {
      message.error(describeApiError(problem).message);
    }
  };
  return (
    <Popconfirm
      title={t('researcher.drafts.confirmTitle')}
      description={t('researcher.drafts.confirmText', { title: achievement.title })}
      okText={t('researcher.drafts.confirm')}
      cancelText={t('researcher.drafts.cancel')}
      okButtonProps={{ danger: true, loading }}
      onConfirm={() => void confirm()}
    >
      <Button danger size="small" aria-label={t('researcher.drafts.deleteOf', { title: achievement.title })}>
        {t('researcher.drafts.delete')}
      </Button>
    </Popconfirm>
  );
}
