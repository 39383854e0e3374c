import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AccountLinks,
  AccountTokenEntity,
  AccountTokenPurpose,
  creditCodeCheckCharacter,
  LinkPurpose,
  MembershipEntity,
  MembershipStatus,
  OrganisationEntity,
  OrganisationKind,
  OrganisationVerificationStatus,
  PasswordHasher,
  Role,
  UserEntity,
} from '@app/identity';
import { Clock } from '@app/core';
import { TestApi, uniqueEmail } from './test-api';

export const TEST_PASSWORD = 'a long enough passphrase';

export interface TestSession {
  userId: string;
  email: string;
  token: string;
  refreshToken: string;
}

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { email message } }`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`;
const VERIFY_EMAIL = `mutation Verify($token: String!) { verifyEmail(token: $token) }`;
const CREATE_ORGANISATION = `mutation Create($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;
const INVITE = `mutation Invite($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`;
const MY_MEMBERSHIPS = `{ me { memberships { id status organisationId } } }`;
const SUBMIT_VERIFICATION = `mutation Submit($input: SubmitOrganisationVerificationInput!) {
  submitOrganisationVerification(input: $input) { id } }`;
const VERIFY_ORGANISATION = `mutation Verify($id: ID!) { verifyOrganisation(requestId: $id) { id status } }`;
const SUBMIT_CREDENTIAL = `mutation Submit($input: BrokerCredentialInput!) { submitBrokerCredential(input: $input) { userId } }`;
const VERIFY_CREDENTIAL = `mutation Verify($userId: ID!) { verifyBrokerCredential(userId: $userId) { credentialStatus } }`;
const ACKNOWLEDGE_CONFIDENTIALITY = `mutation { acknowledgeBrokerConfidentiality { confidentialityAcknowledgedAt } }`;

/** How a test broker's 技术经纪人 credential stands: verified (the default), submitted and waiting, or none. */
export type BrokerCredentialState = 'verified' | 'pending' | 'none';

/** A fresh, valid 统一社会信用代码 (an enterprise's, 91…, random organisation code, right check character). */
export function randomCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const organisationCode = Array.from({ length: 9 }, () => alphabet[randomInt(alphabet.length)]).join('');
  const first17 = `91330100${organisationCode}`;
  return first17 + creditCodeCheckCharacter(first17);
}

async function expectData<T>(response: Promise<{ data?: T | null; errors?: unknown[] }>, what: string): Promise<T> {
  const res = await response;
  if (res.errors || !res.data) throw new Error(`${what}: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/**
 * People and organisations for integration tests, made the way users make them — through the API: the platform
 * administrator creates organisations and invites members; people register, verify their address (with the
 * token the email would carry, read from the same signer the mail job uses), sign in, ask to join and get
 * approved. Only the first administrator is written to the database, as the operator's seed does.
 */
export class TestAccounts {
  private adminSession: Promise<TestSession> | undefined;

  constructor(private readonly api: TestApi) {}

  private get dataSource(): DataSource {
    return this.api.app.get(DataSource);
  }

  /** The platform administrator (ADMIN of a bureau), signed in. One per TestAccounts. */
  admin(): Promise<TestSession> {
    this.adminSession ??= this.bootstrapAdmin();
    return this.adminSession;
  }

  private async bootstrapAdmin(): Promise<TestSession> {
    const bureau = await this.dataSource.getRepository(OrganisationEntity).save({
      name: '测试科技局',
      kind: OrganisationKind.GOVERNMENT,
      externalKey: null,
      region: null,
      verificationStatus: OrganisationVerificationStatus.VERIFIED,
      verifiedAt: new Date(),
    });
    const email = uniqueEmail('admin');
    const passwordHash = await this.api.app.get(PasswordHasher).hash(TEST_PASSWORD);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .save({ email, displayName: '管理员', passwordHash, locale: 'zh', emailVerifiedAt: new Date() });
    await this.dataSource.getRepository(MembershipEntity).insert({
      userId: user.id,
      organisationId: bureau.id,
      role: Role.ADMIN,
      status: MembershipStatus.ACTIVE,
    });
    return this.login(email);
  }

  /** An organisation the administrator creates through the API (verified by creation). */
  async organisation(name: string, kind: OrganisationKind, region?: string): Promise<OrganisationEntity> {
    const admin = await this.admin();
    const data = await expectData<{ createOrganisation: { id: string } }>(
      this.api.gql(CREATE_ORGANISATION, { input: { name, kind, region } }, admin.token),
      `createOrganisation ${name}`,
    );
    return this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: data.createOrganisation.id });
  }

  /**
   * An ACTIVE member holding `role` (only) in the organisation, with a verified address, signed in: the
   * administrator invites the address, the person registers with the invitation and signs in.
   */
  async member(
    role: Role,
    organisationId: string,
    label: string = role.toLowerCase(),
    options: { brokerCredential?: BrokerCredentialState } = {},
  ): Promise<TestSession> {
    const admin = await this.admin();
    const email = uniqueEmail(label.replace(/[^a-z0-9-]/gi, '') || 'member');
    const invitation = await expectData<{ inviteMember: { id: string } }>(
      this.api.gql(INVITE, { input: { organisationId, email, role } }, admin.token),
      `invite ${label}`,
    );
    const invitationToken = this.api.app.get(AccountLinks).token(LinkPurpose.INVITATION, invitation.inviteMember.id);
    await expectData(
      this.api.gql(REGISTER, { input: { email, password: TEST_PASSWORD, displayName: label, invitationToken } }),
      `register ${label}`,
    );
    const session = await this.login(email);
    if (role === Role.BROKER) await this.brokerCredential(session, options.brokerCredential ?? 'verified');
    return session;
  }

  /**
   * A broker's 技术经纪人 credential through the API: submitted (expiring in `validDays`, ten years by default: tests move the clock by years) and,
   * for 'verified', verified by the platform administrator.
   */
  async brokerCredential(session: TestSession, state: BrokerCredentialState, validDays = 3650): Promise<void> {
    if (state === 'none') return;
    await expectData(
      this.api.gql(
        SUBMIT_CREDENTIAL,
        {
          input: {
            level: 'INTERMEDIATE',
            certificateNumber: `JSJJR-${session.userId.slice(0, 8)}`,
            issuingBody: '浙江省科学技术厅',
            expiresAt: new Date(this.api.app.get(Clock).now().getTime() + validDays * 86_400_000).toISOString(),
          },
        },
        session.token,
      ),
      'submitBrokerCredential',
    );
    if (state === 'pending') return;
    const admin = await this.admin();
    await expectData(
      this.api.gql(VERIFY_CREDENTIAL, { userId: session.userId }, admin.token),
      'verifyBrokerCredential',
    );
  }

  /** The broker acknowledges the platform's confidentiality terms (needed before reading confidential details). */
  async acknowledgeBrokerConfidentiality(session: { token: string }): Promise<void> {
    await expectData(this.api.gql(ACKNOWLEDGE_CONFIDENTIALITY, {}, session.token), 'acknowledgeBrokerConfidentiality');
  }

  /**
   * Registers through the API and signs in: a PENDING request to `organisationId`, or a new organisation the
   * person administers. The address stays unverified unless `verifyEmail`.
   */
  async register(
    input: {
      role: Role;
      organisationId?: string;
      newOrganisation?: { name: string; kind: OrganisationKind };
      displayName?: string;
      locale?: string;
      email?: string;
    },
    options: { verifyEmail?: boolean } = {},
  ): Promise<TestSession> {
    const email = input.email ?? uniqueEmail(input.role.toLowerCase());
    await expectData(
      this.api.gql(REGISTER, {
        input: {
          email,
          password: TEST_PASSWORD,
          displayName: input.displayName ?? input.role.toLowerCase(),
          role: input.role,
          locale: input.locale,
          organisationId: input.organisationId,
          newOrganisation: input.newOrganisation,
        },
      }),
      `register ${email}`,
    );
    const session = await this.login(email);
    if (options.verifyEmail) await this.verifyEmail(session.userId);
    return session;
  }

  /** Verifies the address through the API, with the token of the latest verification link. */
  async verifyEmail(userId: string): Promise<void> {
    const row = await this.dataSource.getRepository(AccountTokenEntity).findOneOrFail({
      where: { userId, purpose: AccountTokenPurpose.VERIFY_EMAIL },
      order: { createdAt: 'DESC' },
    });
    const token = this.api.app.get(AccountLinks).token(LinkPurpose.VERIFY_EMAIL, row.id);
    await expectData(this.api.gql(VERIFY_EMAIL, { token }), 'verifyEmail');
  }

  /** The person's membership id (any status) in the organisation, through `me`. */
  async membershipIn(session: { token: string }, organisationId: string): Promise<string> {
    const data = await expectData<{ me: { memberships: Array<{ id: string; organisationId: string }> } }>(
      this.api.gql(MY_MEMBERSHIPS, {}, session.token),
      'me',
    );
    const membership = data.me.memberships.find((m) => m.organisationId === organisationId);
    if (!membership) throw new Error(`no membership in ${organisationId}`);
    return membership.id;
  }

  /**
   * A self-service enterprise or agency: its creator registers it (ACTIVE ORG_ADMIN, address verified) and,
   * unless `verified: false`, the administrator verifies it on the creator's request with a valid credit code
   * (and, for an agency, the creator's broker credential).
   */
  async selfServiceOrganisation(
    kind: OrganisationKind.ENTERPRISE | OrganisationKind.BROKER_AGENCY,
    name: string,
    options: { verified?: boolean; displayName?: string; locale?: string } = {},
  ): Promise<{ organisationId: string; creator: TestSession }> {
    const role = kind === OrganisationKind.ENTERPRISE ? Role.ENTERPRISE_MEMBER : Role.BROKER;
    const creator = await this.register(
      { role, newOrganisation: { name, kind }, displayName: options.displayName, locale: options.locale },
      { verifyEmail: true },
    );
    const membership = await this.dataSource
      .getRepository(MembershipEntity)
      .findOneByOrFail({ userId: creator.userId });
    if (options.verified !== false) {
      await this.verifyOrganisation(membership.organisationId, creator);
      if (kind === OrganisationKind.BROKER_AGENCY) await this.brokerCredential(creator, 'verified');
    }
    return { organisationId: membership.organisationId, creator };
  }

  /** The organisation's administrator submits it for verification; the platform administrator verifies it. */
  async verifyOrganisation(organisationId: string, orgAdmin: TestSession): Promise<void> {
    const submitted = await expectData<{ submitOrganisationVerification: { id: string } }>(
      this.api.gql(
        SUBMIT_VERIFICATION,
        { input: { organisationId, registeredName: '测试企业有限公司', creditCode: randomCreditCode() } },
        orgAdmin.token,
      ),
      'submitOrganisationVerification',
    );
    const admin = await this.admin();
    await expectData(
      this.api.gql(VERIFY_ORGANISATION, { id: submitted.submitOrganisationVerification.id }, admin.token),
      'verifyOrganisation',
    );
  }

  async login(email: string, password = TEST_PASSWORD): Promise<TestSession> {
    const data = await expectData<{ login: { accessToken: string; refreshToken: string; user: { id: string } } }>(
      this.api.gql(LOGIN, { input: { email, password } }),
      `login ${email}`,
    );
    return { userId: data.login.user.id, email, token: data.login.accessToken, refreshToken: data.login.refreshToken };
  }
}

const accountsByApi = new WeakMap<TestApi, TestAccounts>();

/** The TestAccounts of this API (one administrator per API, shared by the fixtures of a test file). */
export function testAccounts(api: TestApi): TestAccounts {
  let accounts = accountsByApi.get(api);
  if (!accounts) accountsByApi.set(api, (accounts = new TestAccounts(api)));
  return accounts;
}
