import { useState, type ReactNode } from 'react';
import { Button, message } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApolloClient } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { saveBlob } from '../../../shared/lib/files';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { exportFileBlob } from '../logic';

export interface ExportFileLike {
  fileName: string;
  contentType: string;
  base64: string;
}

/**
 * A download of a document the API builds (CSV, PDF, JSON as `ExportFile`): asked for only on click and not
 * cached, so each click gets the current figures.
 */
export function ExportButton({
  load,
  children,
  size,
}: {
  load: (client: ApolloClient) => Promise<ExportFileLike | null | undefined>;
  children: ReactNode;
  size?: 'small' | 'middle';
}) {
  const client = useApolloClient();
  const [loading, setLoading] = useState(false);
  const download = async () => {
    setLoading(true);
    try {
      const file = await load(client);
      if (file) saveBlob(exportFileBlob(file), file.fileName);
    } catch (failure) {
      void message.error(describeApiError(failure).message);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button size={size} icon={<DownloadOutlined />} loading={loading} onClick={() => void download()}>
      {children}
    </Button>
  );
}
