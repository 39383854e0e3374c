import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ImportModule } from '@app/catalog-import';
import { AppConfigModule, ClockModule, MeilisearchModule, QueuesModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { SearchModule } from '@app/search';
import { createIsolatedNamespace } from '@app/testing';
import { MatchingModule } from '../src/matching.module';

/** What the evaluation pipeline runs (import → outbox → index → match), without the API or the workers. */
@Module({})
class EvaluationPipelineModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: EvaluationPipelineModule,
      imports: [
        AppConfigModule.forRoot(),
        ClockModule,
        DatabaseModule.forRoot(applicationName),
        RedisModule,
        QueuesModule,
        MeilisearchModule,
        ImportModule,
        SearchModule,
        MatchingModule,
      ],
    };
  }
}

export interface PipelineTestApp {
  app: INestApplicationContext;
  /** Closes the app, drops the namespace and removes the dataset folders written through it. */
  close(): Promise<void>;
  /** A dataset folder in the evaluation format: JSON lines for an array of records, a string as it is. */
  writeDataset(files: Record<string, object[] | string>): string;
}

/**
 * The evaluation pipeline (import → outbox → index → match) in a namespace of its own — database, index and
 * Redis prefixes — for tests whose rankings cover everything indexed, so other tests of the Jest worker must not
 * be in them. `env` is set only while the app is built (configuration is read then).
 */
export async function startPipelineTestApp(name: string, env: Record<string, string> = {}): Promise<PipelineTestApp> {
  const namespace = await createIsolatedNamespace(name);
  const leave = namespace.enter();
  Object.assign(process.env, env);
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(EvaluationPipelineModule.forRoot(`techtransfer-${name}-test`), {
      logger: ['error'],
    });
  } catch (error) {
    await namespace.drop();
    throw error;
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    leave();
  }
  const folders: string[] = [];
  return {
    app,
    writeDataset(files) {
      const folder = mkdtempSync(join(tmpdir(), `tt-${name}-`));
      for (const [file, content] of Object.entries(files)) {
        const text = typeof content === 'string' ? content : content.map((r) => JSON.stringify(r) + '\n').join('');
        writeFileSync(join(folder, file), text);
      }
      folders.push(folder);
      return folder;
    },
    async close() {
      await app.close();
      await namespace.drop();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
}
