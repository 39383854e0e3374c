import { useState } from 'react';
import { Alert, Button, List, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadFile, uploadFile } from '../../../shared/lib/files';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';

/** One attachment in the form: an upload of ours (`fileId`) or an older link. */
export interface AttachmentValue {
  fileId?: string;
  name: string;
  sizeBytes?: number;
  url?: string;
}

/** Accepted by the server (checked there by content): PDF, images, Word, Excel, ZIP. */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.zip';

function size(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Attachments of an achievement: each file is uploaded at once (POST /files: the server checks its type by its
 * content and its size) and attached when the draft is saved; downloads carry the session's token.
 */
export function AttachmentsField({
  value = [],
  onChange,
  id,
}: {
  value?: AttachmentValue[];
  onChange?: (next: AttachmentValue[]) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div>
      <Upload
        accept={ACCEPT}
        multiple
        showUploadList={false}
        customRequest={({ file, onSuccess, onError }) => {
          const blob = file as File;
          setUploading(true);
          setProblem(null);
          uploadFile(blob, blob.name).then(
            (stored) => {
              onChange?.([
                ...value,
                { fileId: stored.id, name: stored.name, sizeBytes: stored.sizeBytes, url: stored.url },
              ]);
              onSuccess?.(stored);
              setUploading(false);
            },
            (failure: Error) => {
              setProblem(t('researcher.attachments.refused', { name: blob.name, message: failure.message }));
              onError?.(failure);
              setUploading(false);
            },
          );
        }}
      >
        <Button id={id} loading={uploading}>
          {t('researcher.attachments.add')}
        </Button>
      </Upload>
      {problem && <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} title={problem} />}
      {value.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={value}
          renderItem={(file, index) => (
            <List.Item
              key={file.fileId ?? file.url ?? file.name}
              actions={[
                file.url ? (
                  <Button
                    key="download"
                    type="link"
                    size="small"
                    onClick={() =>
                      void downloadFile(file.url!, file.name).catch((failure: Error) => setProblem(failure.message))
                    }
                    aria-label={t('researcher.attachments.downloadNamed', { name: file.name })}
                  >
                    {t('researcher.attachments.download')}
                  </Button>
                ) : null,
                <Button
                  key="remove"
                  type="link"
                  size="small"
                  style={{ color: TAG_COLOURS.danger }}
                  onClick={() => onChange?.(value.filter((_, i) => i !== index))}
                  aria-label={t('researcher.attachments.removeNamed', { name: file.name })}
                >
                  {t('researcher.attachments.remove')}
                </Button>,
              ]}
            >
              {file.name} <span style={{ color: '#595959' }}>{size(file.sizeBytes)}</span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
