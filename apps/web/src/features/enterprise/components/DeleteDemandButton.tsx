import { Button, Popconfirm } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { toast } from '../../../shared/ui/toast';
import { DeleteDemandDraftMutation } from '../operations';

/**
 * 删除草稿: the enterprise deletes a draft demand after confirming (published demands are closed instead; the API
 * refuses them). `onDeleted` refreshes the list.
 */
export function DeleteDemandButton({
  demand,
  onDeleted,
}: {
  demand: { id: string; title: string };
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const [remove, { loading }] = useMutation(DeleteDemandDraftMutation);
  const confirm = async () => {
    try {
      await remove({ variables: { id: demand.id } });
      toast.success(t('enterprise.myDemands.deleted', { title: demand.title }));
      onDeleted();
    } catch (problem) {
      toast.error(describeApiError(problem).message);
    }
  };
  return (
    <Popconfirm
      title={t('enterprise.myDemands.deleteConfirmTitle')}
      description={t('enterprise.myDemands.deleteConfirmText', { title: demand.title })}
      okText={t('enterprise.myDemands.deleteConfirm')}
      cancelText={t('enterprise.myDemands.deleteCancel')}
      okButtonProps={{ danger: true, loading }}
      onConfirm={() => void confirm()}
    >
      <Button danger type="link" size="small" aria-label={t('enterprise.myDemands.deleteOf', { title: demand.title })}>
        {t('enterprise.myDemands.delete')}
      </Button>
    </Popconfirm>
  );
}
