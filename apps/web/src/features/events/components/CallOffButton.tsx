import { useState } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';

interface CallOffButtonProps {
  /** The button's and the dialog's texts (translated by the caller). */
  label: string;
  title: string;
  explanation: string;
  confirmText: string;
  /** Calls the event or the registration off with the optional reason; a failure is shown in the dialog. */
  onConfirm: (reason: string | null) => Promise<unknown>;
}

/** A danger button that asks for confirmation and an optional reason (told to the people affected). */
export function CallOffButton({ label, title, explanation, confirmText, onConfirm }: CallOffButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm(reason.trim() || null);
      setOpen(false);
      setReason('');
    } catch (problem) {
      setFailure(describeApiError(problem).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && (
        <Modal
          open
          title={title}
          okText={confirmText}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          confirmLoading={busy}
          onOk={() => void submit()}
          onCancel={() => setOpen(false)}
          destroyOnHidden
        >
          {failure && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={failure} />}
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={explanation} />
          <Form layout="vertical">
            <Form.Item label={t('events.callOff.reason')} help={t('events.callOff.reasonHint')}>
              <Input.TextArea
                aria-label={t('events.callOff.reason')}
                value={reason}
                maxLength={500}
                showCount
                autoSize={{ minRows: 2, maxRows: 5 }}
                onChange={(event) => setReason(event.target.value)}
              />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
