import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { FILE_STORAGE, FileStorage, LocalDiskStorage, StoredFileEntity } from '@app/files';
import { startTestApi, TestApi } from '@app/testing';
import { buildWorld, BrokerageWorld, introducedDeal, ok } from '../../brokerage/test/brokerage-world';
import { TestActor } from '../../../apps/api/test/support/marketplace-actors';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
]);
const MAX_BYTES = 64 * 1024;

const UPDATE = `mutation($id: ID!, $input: AchievementFieldsInput!) { updateAchievement(id: $id, input: $input) {
  id attachments { fileId name url mimeType sizeBytes sha256 } } }`;
const ATTACH_DEAL = `mutation($id: ID!, $files: [ID!]!) { attachDealDocuments(dealId: $id, fileIds: $files) {
  id documents { fileId name url mimeType } } }`;

describe('file upload and download', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let world: BrokerageWorld;

  async function upload(
    actor: TestActor | undefined,
    bytes: Buffer | null,
    name = '实验报告.pdf',
    type = 'application/pdf',
  ): Promise<{ status: number; body: Record<string, any> }> {
    const form = new FormData();
    if (bytes) form.append('file', new Blob([bytes], { type }), name);
    else form.append('note', 'no file here');
    const response = await fetch(`${api.url}/files`, {
      method: 'POST',
      body: form,
      headers: { ...(actor ? { authorization: `Bearer ${actor.token}` } : {}), 'accept-language': 'en' },
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  async function download(actor: TestActor | undefined, id: string) {
    const response = await fetch(`${api.url}/files/${id}`, {
      headers: actor ? { authorization: `Bearer ${actor.token}` } : {},
    });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body };
  }

  beforeAll(async () => {
    process.env.FILE_MAX_BYTES = String(MAX_BYTES);
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    world = await buildWorld(api, 'files', 1);
  });
  afterAll(async () => {
    await api.close();
    delete process.env.FILE_MAX_BYTES;
  });

  it('accepts a PDF or a PNG by content and refuses other content whatever its name, size or sender', async () => {
    const pdf = await upload(world.researcher, PDF);
    expect(pdf).toMatchObject({
      status: 201,
      body: { name: '实验报告.pdf', contentType: 'application/pdf', sizeBytes: PDF.length },
    });
    expect(pdf.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pdf.body.url).toBe(`/files/${pdf.body.id}`);
    // A PNG sent as "application/pdf" is stored as what it is.
    const png = await upload(world.researcher, PNG, 'diagram', 'application/pdf');
    expect(png.body).toMatchObject({ contentType: 'image/png', name: 'diagram.png' });

    const text = await upload(world.researcher, Buffer.from('just text, named like a PDF'), 'fake.pdf');
    expect(text).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', reason: 'FILE_TYPE_NOT_ALLOWED' } });
    const script = await upload(world.researcher, Buffer.from('#!/bin/sh\nrm -rf /\n'), 'run.sh', 'text/x-sh');
    expect(script.body.reason).toBe('FILE_TYPE_NOT_ALLOWED');
    const large = await upload(world.researcher, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]));
    expect(large).toMatchObject({ status: 413, body: { reason: 'FILE_TOO_LARGE', maxBytes: MAX_BYTES } });
    expect(large.body.message).toBe(`The file is larger than ${MAX_BYTES} bytes`);
    expect(await upload(undefined, PDF)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await upload(world.researcher, null)).toMatchObject({ status: 400, body: { reason: 'FILE_REQUIRED' } });
  });

  it('lets only the uploader read a file not attached to anything', async () => {
    const { body } = await upload(world.member, PDF, 'brief.pdf');
    expect((await download(world.member, body.id)).status).toBe(200);
    expect((await download(world.outsider, body.id)).status).toBe(404);
    expect((await download(undefined, body.id)).status).toBe(404);
    expect((await download(world.member, 'not-a-uuid')).status).toBe(404);
  });

  it("serves an achievement's attachment to those who see its confidential fields, NOT_FOUND to others", async () => {
    const { body } = await upload(world.researcher, PDF);
    const updated = await ok(
      api,
      UPDATE,
      { id: world.achievement.id, input: { attachments: [{ fileId: body.id, name: 'ignored.pdf' }] } },
      world.researcher,
    );
    expect(updated.updateAchievement.attachments).toEqual([
      {
        fileId: body.id,
        name: '实验报告.pdf',
        url: `/files/${body.id}`,
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: body.sha256,
      },
    ]);
    const owner = await download(world.researcher, body.id);
    expect(owner.status).toBe(200);
    expect(owner.body.equals(PDF)).toBe(true);
    expect(owner.headers.get('content-type')).toBe('application/pdf');
    expect(owner.headers.get('content-disposition')).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('实验报告.pdf')}`,
    );
    expect(owner.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await download(world.tto, body.id)).status).toBe(200);
    // No blanket broker rule: a broker neither entrusted with it nor claiming one of its matches sees NOT_FOUND.
    expect((await download(world.brokers[0], body.id)).status).toBe(404);
    // A listed achievement is public, its attachments are not: an enterprise outside sees NOT_FOUND.
    const stranger = await download(world.outsider, body.id);
    expect(stranger.status).toBe(404);
    expect(JSON.parse(stranger.body.toString())).toMatchObject({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
    expect((await download(undefined, body.id)).status).toBe(404);

    // Withdrawn: still visible to its team.
    await dataSource
      .getRepository(AchievementEntity)
      .update(world.achievement.id, { status: AchievementStatus.WITHDRAWN });
    expect((await download(world.brokers[0], body.id)).status).toBe(404);
    expect((await download(world.researcher, body.id)).status).toBe(200);
    await dataSource
      .getRepository(AchievementEntity)
      .update(world.achievement.id, { status: AchievementStatus.LISTED });
  });

  it("deletes a deleted draft's files: their rows and their stored bytes, so nobody can download them", async () => {
    const created = await ok(
      api,
      `mutation($input: CreateAchievementInput!) { createAchievement(input: $input) { id } }`,
      { input: { title: '待删除的草稿', institutionId: world.university.id } },
      world.researcher,
    );
    const draftId = created.createAchievement.id as string;
    const { body } = await upload(world.researcher, PDF, '草稿附件.pdf');
    await ok(
      api,
      UPDATE,
      { id: draftId, input: { attachments: [{ fileId: body.id, name: 'x.pdf' }] } },
      world.researcher,
    );
    const row = await dataSource.getRepository(StoredFileEntity).findOneByOrFail({ id: body.id });
    const storage = api.app.get<FileStorage>(FILE_STORAGE);
    expect(await storage.get(row.storageKey)).not.toBeNull();
    expect((await download(world.researcher, body.id)).status).toBe(200);

    await ok(api, `mutation($id: ID!) { deleteAchievement(id: $id) }`, { id: draftId }, world.researcher);

    expect(await dataSource.getRepository(StoredFileEntity).existsBy({ id: body.id })).toBe(false);
    expect(await storage.get(row.storageKey)).toBeNull();
    expect((await download(world.researcher, body.id)).status).toBe(404);
    expect((await download(world.tto, body.id)).status).toBe(404);
  });

  it('keeps every file of a draft whose delete rolls back', async () => {
    const created = await ok(
      api,
      `mutation($input: CreateAchievementInput!) { createAchievement(input: $input) { id } }`,
      { input: { title: '删除失败的草稿', institutionId: world.university.id } },
      world.researcher,
    );
    const draftId = created.createAchievement.id as string;
    const { body } = await upload(world.researcher, PDF, '保留附件.pdf');
    await ok(
      api,
      UPDATE,
      { id: draftId, input: { attachments: [{ fileId: body.id, name: 'x.pdf' }] } },
      world.researcher,
    );
    const row = await dataSource.getRepository(StoredFileEntity).findOneByOrFail({ id: body.id });
    // The delete fails after the files' rows were deleted in its transaction (a trigger on the achievement row).
    await dataSource.query(`CREATE OR REPLACE FUNCTION refuse_delete() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$ LANGUAGE plpgsql`);
    await dataSource.query(`CREATE TRIGGER refuse_delete_${draftId.replaceAll('-', '_')} BEFORE DELETE ON achievements
      FOR EACH ROW WHEN (OLD.id = '${draftId}') EXECUTE FUNCTION refuse_delete()`);
    try {
      const res = await api.gql(
        `mutation($id: ID!) { deleteAchievement(id: $id) }`,
        { id: draftId },
        world.researcher.token,
      );
      expect(res.errors).toBeDefined();
    } finally {
      await dataSource.query(`DROP TRIGGER refuse_delete_${draftId.replaceAll('-', '_')} ON achievements`);
    }
    expect(await dataSource.getRepository(StoredFileEntity).existsBy({ id: body.id })).toBe(true);
    expect(await api.app.get<FileStorage>(FILE_STORAGE).get(row.storageKey)).not.toBeNull();
    const kept = await download(world.researcher, body.id);
    expect(kept.status).toBe(200);
    expect(kept.body.equals(PDF)).toBe(true);
  });

  it('refuses to attach a file someone else uploaded, or one that belongs to something else', async () => {
    const theirs = (await upload(world.member, PDF)).body;
    const res = await api.gql(
      UPDATE,
      { id: world.achievement.id, input: { attachments: [{ fileId: theirs.id, name: 'x.pdf' }] } },
      world.researcher.token,
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
    const attached = await dataSource.getRepository(StoredFileEntity).findOneByOrFail({ id: theirs.id });
    expect(attached.ownerId).toBeNull();
  });

  it("serves a deal's documents to its broker and parties, NOT_FOUND to others", async () => {
    const { dealId } = await introducedDeal(api, world);
    const contract = (await upload(world.brokers[0], PDF, '技术转让合同.pdf')).body;
    const attached = await ok(api, ATTACH_DEAL, { id: dealId, files: [contract.id] }, world.brokers[0]);
    expect(attached.attachDealDocuments.documents).toEqual([
      { fileId: contract.id, name: '技术转让合同.pdf', url: `/files/${contract.id}`, mimeType: 'application/pdf' },
    ]);
    for (const party of [world.brokers[0], world.member, world.researcher, world.tto, world.admin]) {
      expect({ who: party.label, status: (await download(party, contract.id)).status }).toEqual({
        who: party.label,
        status: 200,
      });
    }
    expect((await download(world.outsider, contract.id)).status).toBe(404);
    // Attached to the deal, it cannot be attached to an achievement too.
    const again = await api.gql(ATTACH_DEAL, { id: dealId, files: [contract.id] }, world.brokers[0].token);
    expect(again.errors).toBeUndefined();
    const elsewhere = await api.gql(
      UPDATE,
      { id: world.achievement.id, input: { attachments: [{ fileId: contract.id, name: 'x.pdf' }] } },
      world.brokers[0].token,
    );
    expect(elsewhere.errors![0].extensions!.code).toMatch(/FORBIDDEN|CONFLICT/);
  });
});

describe('LocalDiskStorage', () => {
  it('keeps, reads back and deletes bytes under generated keys, and refuses keys that could escape its folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'storage-'));
    try {
      const storage = new LocalDiskStorage(root);
      const source = join(root, 'upload.tmp');
      await writeFile(source, PDF);
      await storage.put('2026/11/abc-123', source);
      const stream = (await storage.get('2026/11/abc-123')) as Readable;
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(PDF)).toBe(true);
      expect(await readdir(root)).toEqual(['2026']);
      await storage.delete('2026/11/abc-123');
      expect(await storage.get('2026/11/abc-123')).toBeNull();
      await expect(storage.get('../etc/passwd')).rejects.toThrow(/Unsafe storage key/);
      await expect(storage.put('/abs', source)).rejects.toThrow(/Unsafe storage key/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
