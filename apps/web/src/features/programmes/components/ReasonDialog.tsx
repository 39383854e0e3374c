import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { whenValid } from '../logic';

/** Asks for a required reason (returns, rejections): the other side reads it. */
export function ReasonDialog({
  open,
  title,
  okText,
  label,
  loading,
  onCancel,
  onOk,
}: {
  open: boolean;
  title: string;
  okText: string;
  label?: string;
  loading: boolean;
  onCancel: () => void;
  onOk: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ loading }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => whenValid(form, (values) => onOk(values.reason.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={label ?? t('programmes.reason')}
          rules={[{ required: true, whitespace: true, message: t('programmes.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
