import { readSession, refreshSession } from './session';

/** What `POST /files` answers (libs/files): the id is then attached through a GraphQL mutation. */
export interface UploadedFile {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  url: string;
}

/** A refused upload or download: the API's stable code and reason, its message in the account's language. */
export class FileRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly reason: string | null,
    readonly status: number,
  ) {
    super(message);
    this.name = 'FileRequestError';
  }
}

/** One request with the session's bearer token; on 401 the session is refreshed once and the request retried. */
async function withToken(send: (token: string | null) => Promise<Response>): Promise<Response> {
  const first = await send(readSession()?.accessToken ?? null);
  if (first.status !== 401 || !(await refreshSession())) return first;
  return send(readSession()?.accessToken ?? null);
}

async function failure(response: Response): Promise<FileRequestError> {
  let body: { code?: string; reason?: string; message?: string } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON: keep the status text
  }
  return new FileRequestError(
    body.message ?? response.statusText,
    body.code ?? null,
    body.reason ?? null,
    response.status,
  );
}

/** Uploads one file (multipart, part `file`); the server checks its type by content and its size. */
export async function uploadFile(file: Blob, name: string): Promise<UploadedFile> {
  const response = await withToken((token) => {
    const body = new FormData();
    body.append('file', file, name);
    return fetch('/files', {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body,
    });
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as UploadedFile;
}

/**
 * Downloads a file the viewer may see (the server answers 404 to everyone else) and hands it to the browser as
 * a download under its own name: the bearer token cannot ride on a plain link.
 */
export async function downloadFile(url: string, name: string): Promise<void> {
  const response = await withToken((token) =>
    fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
  );
  if (!response.ok) throw await failure(response);
  saveBlob(await response.blob(), name);
}

/** Offers bytes made in the page (an export) as a download. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1_000);
}
