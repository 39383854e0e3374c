import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '@app/notifications';
import { DataSource } from 'typeorm';

/** Polls until `probe` returns a truthy value (short interval, bounded wait). */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  label = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${label} not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ReceivedCall {
  path: string;
  idempotencyKey: string;
  verified: boolean;
  body: Record<string, any>;
  status: number;
}

/**
 * A real HTTP receiver on loopback: verifies each signature with the secret registered for its path, answers
 * 500 while a path is set to fail, and records every call (counts include failed and duplicate calls).
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private readonly secrets = new Map<string, string>();
  private readonly failing = new Map<string, number>();
  private server: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const secret = this.secrets.get(path) ?? '';
        const verified = verifyWebhook(
          secret,
          { signature: req.headers[SIGNATURE_HEADER] as string, timestamp: req.headers[TIMESTAMP_HEADER] as string },
          raw,
          Math.floor(Date.now() / 1000),
        );
        const remainingFailures = this.failing.get(path) ?? 0;
        const status = !verified ? 401 : remainingFailures !== 0 ? 500 : 200;
        if (remainingFailures > 0) this.failing.set(path, remainingFailures - 1);
        let body: Record<string, any> = {};
        try {
          body = JSON.parse(raw) as Record<string, any>;
        } catch {
          // recorded as empty
        }
        this.calls.push({
          path,
          idempotencyKey: String(req.headers[IDEMPOTENCY_HEADER] ?? ''),
          verified,
          body,
          status,
        });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A fresh path for one subscriber. */
  path(): string {
    return `/hook/${randomUUID()}`;
  }

  setSecret(path: string, secret: string): void {
    this.secrets.set(path, secret);
  }

  /** Fails the next `times` calls to `path` with 500 (-1: always). */
  fail(path: string, times: number): void {
    this.failing.set(path, times);
  }

  callsTo(path: string): ReceivedCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Rows written with SQL: digests read matches, demands, experts, users and memberships, nothing else. */
export class DigestFixtures {
  constructor(private readonly dataSource: DataSource) {}

  async organisation(kind: string, name = `${kind} ${randomUUID().slice(0, 8)}`): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      'INSERT INTO organisations (name, kind) VALUES ($1, $2) RETURNING id',
      [name, kind],
    );
    return rows[0].id;
  }

  async user(
    options: { locale?: string; displayName?: string; role?: string; organisationId?: string } = {},
  ): Promise<{ id: string; email: string }> {
    const email = `digest-${randomUUID()}@test.example`;
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO users (email, display_name, password_hash, locale) VALUES ($1, $2, 'not-a-hash', $3) RETURNING id`,
      [email, options.displayName ?? '测试用户', options.locale ?? 'zh'],
    );
    if (options.role && options.organisationId) {
      await this.dataSource.query(
        `INSERT INTO memberships (user_id, organisation_id, role, status) VALUES ($1, $2, $3, 'ACTIVE')`,
        [rows[0].id, options.organisationId, options.role],
      );
    }
    return { id: rows[0].id, email };
  }

  async demand(organisationId: string, title: string, industry = 'ai'): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO demands (organisation_id, title, summary, industry_code, status) VALUES ($1, $2, $3, $4, 'OPEN') RETURNING id`,
      [organisationId, title, `${title} 的需求描述`, industry],
    );
    return rows[0].id;
  }

  async expert(organisationId: string, name: string): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      'INSERT INTO experts (organisation_id, name) VALUES ($1, $2) RETURNING id',
      [organisationId, name],
    );
    return rows[0].id;
  }

  async match(
    demandId: string,
    expertId: string,
    score: number,
    createdAt: Date,
    terms: string[] = ['视觉检测'],
  ): Promise<string> {
    const explanation = {
      matchedTerms: terms.map((term) => ({ term, fields: ['title'] })),
      missingTerms: [],
      textScore: score,
      coverage: 1,
      factors: [{ factor: 'industry', effect: 0.1, reason: 'same industry (ai)' }],
    };
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO matches (demand_id, target_type, target_id, score, explanation, engine_version, computed_at, created_at)
       VALUES ($1, 'EXPERT', $2, $3, $4, 'test', $5, $5) RETURNING id`,
      [demandId, expertId, score, JSON.stringify(explanation), createdAt.toISOString()],
    );
    return rows[0].id;
  }

  /** An enterprise member with one open demand and `matches` new matches in the week before `slot`. */
  async subscriberWithMatches(slot: Date, options: { locale?: string; matches?: number; displayName?: string } = {}) {
    const enterprise = await this.organisation('ENTERPRISE');
    const institution = await this.organisation('UNIVERSITY');
    const user = await this.user({
      locale: options.locale,
      displayName: options.displayName,
      role: 'ENTERPRISE_MEMBER',
      organisationId: enterprise,
    });
    const demandId = await this.demand(enterprise, '高精度视觉检测设备');
    const matchIds: string[] = [];
    for (let i = 0; i < (options.matches ?? 2); i++) {
      const expertId = await this.expert(institution, `专家 ${i + 1}`);
      matchIds.push(
        await this.match(demandId, expertId, 0.9 - i * 0.1, new Date(slot.getTime() - (i + 1) * 3_600_000)),
      );
    }
    return { ...user, enterprise, institution, demandId, matchIds };
  }
}
