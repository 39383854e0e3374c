import { Readable } from 'node:stream';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { AppConfig } from '@app/core';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic, so a message sent twice is recognisably the same message. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: ReadonlyArray<{ filename: string; content: string; contentType: string }>;
}

/**
 * Why a send failed. `notAccepted`: the server certainly did not take the message (it said no, or we stopped
 * before the end-of-data dot) — safe to retry. `unknown`: the dot went out and no answer came back.
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly outcome: 'notAccepted' | 'unknown',
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

interface PooledConnection {
  connection: SMTPConnection;
  alive: boolean;
}

const MAX_IDLE = 16;

/**
 * Sends mail over SMTP with nodemailer's composer and connection, one message per SMTP transaction, reusing
 * connections. `send` takes a commit hook that runs after the whole message has been handed to the server but
 * before the end-of-data dot: the caller records "committing" there, so a crash before it leaves a message the
 * server discarded (retry is safe) and only a crash in the instant after it leaves an unknown outcome.
 */
@Injectable()
export class SmtpMailer implements OnApplicationShutdown {
  private readonly idle: PooledConnection[] = [];
  private readonly options: SMTPConnection.Options & { auth?: { user: string; pass: string } };
  private readonly from: string;

  constructor(config: AppConfig) {
    const url = new URL(config.SMTP_URL);
    const secure = url.protocol === 'smtps:';
    this.options = {
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: config.SMTP_SOCKET_TIMEOUT_MS,
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
    };
    this.from = config.MAIL_FROM;
  }

  async send(mail: OutgoingMail, beforeCommit: () => Promise<boolean>): Promise<{ response: string }> {
    const node = new MailComposer({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments?.map((a) => ({ ...a })),
    }).compile();
    const envelope = node.getEnvelope();
    const raw = await node.build();

    const reused = this.idle.pop();
    try {
      return await this.transact(reused ?? (await this.open()), envelope, raw, beforeCommit);
    } catch (error) {
      // An idle connection the server has since closed fails before anything was sent: try a fresh one once.
      if (
        reused &&
        error instanceof MailSendError &&
        error.outcome === 'notAccepted' &&
        !(error as { committed?: boolean }).committed
      ) {
        return this.transact(await this.open(), envelope, raw, beforeCommit);
      }
      throw error;
    }
  }

  private transact(
    pooled: PooledConnection,
    envelope: { from: string | false; to: string[] },
    raw: Buffer,
    beforeCommit: () => Promise<boolean>,
  ): Promise<{ response: string }> {
    return new Promise((resolve, reject) => {
      let committing = false;
      let dataPhase = false;
      // Read only once the server answered DATA (nodemailer pipes the message then): push the body, hold the end.
      const message = new Readable({
        read() {
          if (dataPhase) return;
          dataPhase = true;
          this.push(raw);
          beforeCommit().then(
            (proceed) => {
              if (!proceed) return this.destroy(new Error('delivery is no longer ours to send'));
              committing = true;
              this.push(null);
            },
            (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
          );
        },
      });
      pooled.connection.send({ from: envelope.from || '', to: envelope.to }, message, (error, info) => {
        if (error) {
          pooled.alive = false;
          pooled.connection.close();
          // A server reply code (4xx/5xx) after the dot is a refusal; no reply after the dot is unknown.
          const refused = typeof (error as { responseCode?: number }).responseCode === 'number';
          const failure = new MailSendError(error.message, committing && !refused ? 'unknown' : 'notAccepted');
          (failure as { committed?: boolean }).committed = committing || dataPhase;
          return reject(failure);
        }
        this.release(pooled);
        resolve({ response: info.response ?? '' });
      });
    });
  }

  private open(): Promise<PooledConnection> {
    return new Promise((resolve, reject) => {
      const connection = new SMTPConnection(this.options);
      const pooled: PooledConnection = { connection, alive: true };
      let settled = false;
      const fail = (error: Error) => {
        pooled.alive = false;
        if (settled) return;
        settled = true;
        connection.close();
        reject(new MailSendError(`SMTP connection failed: ${error.message}`, 'notAccepted'));
      };
      connection.on('error', fail);
      connection.on('end', () => (pooled.alive = false));
      connection.connect((error) => {
        if (error) return fail(error);
        if (!this.options.auth) {
          settled = true;
          return resolve(pooled);
        }
        connection.login(this.options.auth, (loginError) => {
          if (loginError) return fail(loginError);
          settled = true;
          resolve(pooled);
        });
      });
    });
  }

  private release(pooled: PooledConnection): void {
    if (pooled.alive && this.idle.length < MAX_IDLE) this.idle.push(pooled);
    else pooled.connection.quit();
  }

  onApplicationShutdown(): void {
    for (const pooled of this.idle.splice(0)) pooled.connection.quit();
  }
}
