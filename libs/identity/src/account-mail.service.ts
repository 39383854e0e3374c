import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccountMailKind, AppConfig, Clock, JobIntentRelay, JobName, JobQueue, recordJobIntent } from '@app/core';
import {
  EMAIL_VERIFICATION_TTL_HOURS,
  INVITATION_TTL_DAYS,
  PASSWORD_RESET_TTL_MINUTES,
} from './domain/account-lifetimes';
import { MailLocale, renderAccountMail } from './domain/account-mail';
import { LinkPurpose, LinkSigner } from './domain/link-token';
import { AccountTokenEntity, AccountTokenPurpose } from './entities/account-token.entity';
import { MembershipInvitationEntity } from './entities/membership-invitation.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { UserEntity } from './entities/user.entity';

/** The web app's screens the links open (the mutations there take the token). */
const SCREENS: { readonly [P in LinkPurpose]: string } = {
  [LinkPurpose.VERIFY_EMAIL]: '/verify-email',
  [LinkPurpose.RESET_PASSWORD]: '/reset-password',
  [LinkPurpose.INVITATION]: '/invitations/accept',
};

/** Signs and checks the tokens of mailed links, and builds the links. Keys derive from JWT_SECRET. */
@Injectable()
export class AccountLinks {
  private readonly signer: LinkSigner;
  private readonly base: string;

  constructor(config: AppConfig) {
    this.signer = new LinkSigner(config.JWT_SECRET);
    this.base = config.PUBLIC_URL.replace(/\/+$/, '');
  }

  /** The token of a link naming `rowId` (the mail job derives it again; test helpers use it instead of a mailbox). */
  token(purpose: LinkPurpose, rowId: string): string {
    return this.signer.sign(purpose, rowId);
  }

  /** The row id the token names, or null when it is not a genuine token of this purpose. */
  rowId(purpose: LinkPurpose, token: string): string | null {
    return this.signer.verify(purpose, token);
  }

  url(purpose: LinkPurpose, rowId: string): string {
    return `${this.base}${SCREENS[purpose]}?token=${encodeURIComponent(this.token(purpose, rowId))}`;
  }

  screen(path: string): string {
    return `${this.base}${path}`;
  }
}

export interface ComposedAccountMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/**
 * Account emails go through the worker (job `accounts.send-mail`, carrying a kind and a row id): the request that
 * caused one answers without waiting for SMTP, and registration answers alike whatever it mails.
 */
@Injectable()
export class AccountMailQueue {
  constructor(
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly intents: JobIntentRelay,
  ) {}

  async send(kind: AccountMailKind, id: string): Promise<void> {
    await this.jobs.enqueue(JobName.SendAccountMail, { kind, id }, { jobId: this.jobId(kind, id) });
  }

  /**
   * The email that follows a change (a verification or reset token, an invitation), as a job intent in the
   * change's transaction: a crash between the commit and the enqueue loses none. Call `relay()` after the commit.
   */
  async record(manager: EntityManager, kind: AccountMailKind, id: string): Promise<void> {
    await recordJobIntent(manager, JobName.SendAccountMail, { kind, id }, { jobId: this.jobId(kind, id) });
  }

  /** After the commit: enqueues what was recorded (never throws; the worker's sweep relays what is left). */
  async relay(): Promise<void> {
    await this.intents.relayNow();
  }

  private jobId(kind: AccountMailKind, id: string): string {
    // One "someone tried to register" email per account and hour, however often someone tries.
    return kind === 'REGISTRATION_ATTEMPT'
      ? `account-mail.${kind}.${id}.${Math.floor(this.clock.now().getTime() / 3_600_000)}`
      : `account-mail.${kind}.${id}`;
  }
}

/** Writes an account email from the database's current state; null when it no longer applies (used, expired). */
@Injectable()
export class AccountMailComposer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: AccountLinks,
    private readonly clock: Clock,
  ) {}

  async compose(kind: AccountMailKind, id: string): Promise<ComposedAccountMail | null> {
    const now = this.clock.now();
    const messageId = `<account-${kind.toLowerCase()}-${id}@techtransfer>`;
    switch (kind) {
      case 'VERIFY_EMAIL':
      case 'RESET_PASSWORD': {
        const token = await this.dataSource.getRepository(AccountTokenEntity).findOneBy({ id });
        if (!token || token.usedAt || token.expiresAt <= now || token.purpose !== AccountTokenPurpose[kind])
          return null;
        const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: token.userId });
        if (!user || user.email !== token.email) return null;
        if (kind === 'VERIFY_EMAIL' && user.emailVerifiedAt) return null;
        const rendered =
          token.purpose === AccountTokenPurpose.VERIFY_EMAIL
            ? renderAccountMail(
                {
                  kind: 'VERIFY_EMAIL',
                  name: user.displayName,
                  url: this.links.url(LinkPurpose.VERIFY_EMAIL, token.id),
                  validHours: EMAIL_VERIFICATION_TTL_HOURS,
                },
                localeOf(user),
              )
            : renderAccountMail(
                {
                  kind: 'RESET_PASSWORD',
                  name: user.displayName,
                  url: this.links.url(LinkPurpose.RESET_PASSWORD, token.id),
                  validMinutes: PASSWORD_RESET_TTL_MINUTES,
                },
                localeOf(user),
              );
        return { to: user.email, messageId, ...rendered };
      }
      case 'REGISTRATION_ATTEMPT': {
        const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
        if (!user) return null;
        const rendered = renderAccountMail(
          {
            kind,
            name: user.displayName,
            signInUrl: this.links.screen('/'),
            resetUrl: this.links.screen('/reset-password'),
          },
          localeOf(user),
        );
        // A new message per attempt (at most one an hour): the id carries the hour.
        return {
          to: user.email,
          messageId: `<account-registration-attempt-${id}-${Math.floor(now.getTime() / 3_600_000)}@techtransfer>`,
          ...rendered,
        };
      }
      case 'INVITATION': {
        const invitation = await this.dataSource.getRepository(MembershipInvitationEntity).findOneBy({ id });
        if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
        const organisation = await this.dataSource
          .getRepository(OrganisationEntity)
          .findOneBy({ id: invitation.organisationId });
        if (!organisation) return null;
        const inviter = invitation.invitedById
          ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: invitation.invitedById })
          : null;
        const rendered = renderAccountMail(
          {
            kind,
            organisationName: organisation.name,
            role: invitation.role,
            inviterName: inviter?.displayName ?? null,
            url: this.links.url(LinkPurpose.INVITATION, invitation.id),
            validDays: INVITATION_TTL_DAYS,
          },
          'zh',
        );
        return { to: invitation.email, messageId, ...rendered };
      }
    }
  }
}

const localeOf = (user: UserEntity): MailLocale => (user.locale === 'en' ? 'en' : 'zh');
