import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
// The `./node` entry (the file-system reader) resolves the same under Node's require(esm) and Jest.
import { fileTypeFromFile } from 'file-type/node';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, fail, notFound } from '@app/core';
import { Actor } from '@app/identity';
import { FileAccessRegistry } from './file-access.registry';
import { FILE_STORAGE, FileStorage } from './file-storage';
import { FileOwnerKind, StoredFileEntity } from './stored-file.entity';

/**
 * What an upload may be, told by its content (magic bytes), never by its name or the client's content type.
 * DOCX and XLSX are ZIP containers that file-type recognises by their parts.
 */
export const ALLOWED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The download path of a file (the API's `GET /files/:id`, with a bearer token). */
export const fileUrl = (id: string) => `/files/${id}`;

/** A file as attachments and documents describe it (FileMetadata of the owner libs). */
export interface AttachedFile {
  fileId: string;
  name: string;
  url: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

/** Uploaded files: checked, stored, attached to the object they belong to, and read back through its rule. */
@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly access: FileAccessRegistry,
    private readonly clock: Clock,
  ) {}

  /**
   * Keeps an uploaded temporary file: its type from its content (one of ALLOWED_CONTENT_TYPES), its SHA-256, its
   * bytes in the storage. The temporary file is gone afterwards, kept or refused.
   */
  async store(actor: Actor, upload: { path: string; originalName: string; size: number }): Promise<StoredFileEntity> {
    try {
      const detected = await fileTypeFromFile(upload.path);
      if (!detected || !ALLOWED_CONTENT_TYPES.has(detected.mime)) {
        throw fail('FILE_TYPE_NOT_ALLOWED', { field: 'file', detected: detected?.mime ?? 'unknown' });
      }
      const sha256 = await sha256Of(upload.path);
      const now = this.clock.now();
      const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
      await this.storage.put(key, upload.path, detected.mime);
      return await this.dataSource.getRepository(StoredFileEntity).save(
        this.dataSource.getRepository(StoredFileEntity).create({
          uploadedById: actor.userId,
          name: cleanName(upload.originalName, detected.ext),
          contentType: detected.mime,
          sizeBytes: upload.size,
          sha256,
          storageKey: key,
          ownerKind: null,
          ownerId: null,
        }),
      );
    } finally {
      await rm(upload.path, { force: true });
    }
  }

  /**
   * Attaches files to their owner object, in the caller's transaction: a file the actor did not upload (or that
   * does not exist) is NOT_FOUND, one already attached elsewhere is a CONFLICT; attaching again to the same owner
   * is fine. Returns them in the order asked, as attachments describe them.
   */
  async attach(
    manager: EntityManager,
    actor: Actor,
    fileIds: readonly string[],
    owner: { kind: FileOwnerKind; id: string },
  ): Promise<AttachedFile[]> {
    if (fileIds.length === 0) return [];
    const malformed = fileIds.find((id) => !UUID.test(id));
    if (malformed) throw notFound('File', malformed);
    const rows = await manager.find(StoredFileEntity, {
      where: { id: In([...new Set(fileIds)]) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const id of fileIds) {
      const row = rows.find((candidate) => candidate.id === id);
      const sameOwner = row?.ownerKind === owner.kind && row.ownerId === owner.id;
      if (!row || (!sameOwner && row.uploadedById !== actor.userId)) throw notFound('File', id);
      if (row.ownerId && !sameOwner) throw fail('FILE_ALREADY_ATTACHED', { field: 'fileId', id });
    }
    await manager.update(
      StoredFileEntity,
      { id: In([...new Set(fileIds)]) },
      { ownerKind: owner.kind, ownerId: owner.id },
    );
    return fileIds.map((id) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      return {
        fileId: row.id,
        name: row.name,
        url: fileUrl(row.id),
        mimeType: row.contentType,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
      };
    });
  }

  /**
   * Deletes the record of a file attached to one of these owners, in the owner's transaction: NOT_FOUND when it
   * is not attached to any of them. Its bytes stay until `purge` is called with the result, once the transaction
   * has committed (a rolled-back removal keeps its file).
   */
  async removeAttached(
    manager: EntityManager,
    fileId: string,
    owner: { kind: FileOwnerKind; ids: readonly string[] },
  ): Promise<StoredFileEntity> {
    if (!UUID.test(fileId) || owner.ids.length === 0) throw notFound('File', fileId);
    const row = await manager.findOne(StoredFileEntity, {
      where: { id: fileId, ownerKind: owner.kind, ownerId: In([...owner.ids]) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw notFound('File', fileId);
    await manager.delete(StoredFileEntity, { id: row.id });
    return row;
  }

  /**
   * Deletes the bytes of files whose records were removed (after that transaction committed). A storage failure
   * is logged, not thrown: the removal has happened, and bytes without a record are never served.
   */
  purge(files: readonly StoredFileEntity[]): Promise<void> {
    return this.removeBytes(files.map((file) => file.storageKey));
  }

  /**
   * Deletes, in the caller's transaction, the rows of the files attached to an owner that is being deleted, and
   * answers their storage keys. The bytes are removed by `removeBytes` only after that transaction committed: a
   * rolled-back delete leaves every row and every byte in place (at worst a crash between commit and removal
   * leaves bytes no row points at, which nobody can download).
   */
  async detachForDeletion(manager: EntityManager, kinds: readonly FileOwnerKind[], ownerId: string): Promise<string[]> {
    // DELETE … RETURNING through `query` answers [rows, count].
    const [rows] = await manager.query<[Array<{ storage_key: string }>, number]>(
      `DELETE FROM stored_files WHERE owner_kind = ANY($1::stored_file_owner_kind[]) AND owner_id = $2
       RETURNING storage_key`,
      [[...kinds], ownerId],
    );
    return rows.map((row) => row.storage_key);
  }

  /** Removes stored bytes whose rows are gone (after the deleting transaction committed); failures are logged. */
  async removeBytes(storageKeys: readonly string[]): Promise<void> {
    for (const key of storageKeys) {
      try {
        await this.storage.delete(key);
      } catch (error) {
        this.logger.warn(`Could not remove the bytes of a deleted file (${key}): ${(error as Error).message}`);
      }
    }
  }

  /** The files attached to these owners (for DataLoaders: the owners were already access-checked), oldest first. */
  filesOf(kind: FileOwnerKind, ownerIds: readonly string[]): Promise<StoredFileEntity[]> {
    if (ownerIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(StoredFileEntity)
      .find({ where: { ownerKind: kind, ownerId: In([...ownerIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * A file and its bytes for someone who may see what it belongs to (its uploader, until it is attached):
   * NOT_FOUND for everyone else, exactly as for a file that does not exist.
   */
  async openForDownload(actor: Actor | undefined, id: string): Promise<{ file: StoredFileEntity; content: Readable }> {
    const file = await this.dataSource.getRepository(StoredFileEntity).findOneBy({ id });
    if (!file) throw notFound('File', id);
    const allowed =
      file.ownerKind && file.ownerId
        ? await this.access.mayAccess(file.ownerKind, actor, file.ownerId)
        : !!actor && actor.userId === file.uploadedById;
    if (!allowed) throw notFound('File', id);
    const content = await this.storage.get(file.storageKey);
    if (!content) throw notFound('File', id);
    return { file, content };
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A display name without paths or control characters, at most 200 characters, ending as its content is. */
export function cleanName(original: string, extension: string): string {
  const base = (original.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  const name = base || `file.${extension}`;
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}
