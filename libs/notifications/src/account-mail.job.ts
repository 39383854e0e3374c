import { Injectable } from '@nestjs/common';
import { JobName, JobOutcome, JobPayloads, OnJob } from '@app/core';
import { AccountMailComposer } from '@app/identity';
import { SmtpMailer } from './smtp-mailer';

/**
 * Sends account emails (identity writes them from the database's current state; this channel delivers them).
 * A link that was used or expired before the job ran is skipped. On a failure BullMQ retries with backoff; the
 * message id is deterministic, so a rare duplicate after a crash is recognisably the same message.
 */
@Injectable()
export class AccountMailJob {
  constructor(
    private readonly composer: AccountMailComposer,
    private readonly mailer: SmtpMailer,
  ) {}

  @OnJob(JobName.SendAccountMail)
  async send(payload: JobPayloads[JobName.SendAccountMail]): Promise<JobOutcome> {
    const mail = await this.composer.compose(payload.kind, payload.id);
    if (!mail) return 'skipped';
    await this.mailer.send(mail, async () => true);
    return 'done';
  }
}
