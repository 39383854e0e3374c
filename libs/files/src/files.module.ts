import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { S3Client } from '@aws-sdk/client-s3';
import { AppConfig } from '@app/core';
import { IdentityModule } from '@app/identity';
import { FileAccessRegistry } from './file-access.registry';
import { FILE_STORAGE, FileStorage, LocalDiskStorage, S3Storage } from './file-storage';
import { FilesController, FilesExceptionFilter } from './files.controller';
import { FilesService } from './files.service';
import { StoredFileEntity } from './stored-file.entity';

export const FILE_ENTITIES = [StoredFileEntity];

/** The configured storage: an S3-compatible bucket when S3_BUCKET is set, else a folder on local disk. */
export function createFileStorage(config: AppConfig): FileStorage {
  if (!config.S3_BUCKET) return new LocalDiskStorage(config.FILE_STORAGE_DIR);
  const credentials =
    config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
      : undefined;
  const client = new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials,
    // Checksums only where S3 requires them: S3-compatible servers differ in what else they accept.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return new S3Storage(client, config.S3_BUCKET);
}

/** Stored files and the registry of who may read them, for every process (owner libs import it). */
@Module({
  imports: [TypeOrmModule.forFeature(FILE_ENTITIES)],
  providers: [
    FilesService,
    FileAccessRegistry,
    { provide: FILE_STORAGE, inject: [AppConfig], useFactory: createFileStorage },
  ],
  exports: [FilesService, FileAccessRegistry],
})
export class FilesModule {}

/** `POST /files` and `GET /files/:id`, imported by apps/api only. */
@Module({
  imports: [
    FilesModule,
    IdentityModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        dest: join(tmpdir(), 'techtransfer-uploads'),
        limits: { fileSize: config.FILE_MAX_BYTES, files: 1, fields: 10, parts: 12 },
      }),
    }),
  ],
  controllers: [FilesController],
  providers: [FilesExceptionFilter],
})
export class FilesHttpModule {}
