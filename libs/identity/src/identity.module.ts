import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountLinks, AccountMailComposer, AccountMailQueue } from './account-mail.service';
import { AuthService } from './auth.service';
import { DirectoryService } from './directory.service';
import { AccountTokenEntity } from './entities/account-token.entity';
import { MembershipEntity } from './entities/membership.entity';
import { MembershipInvitationEntity } from './entities/membership-invitation.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { OrganisationVerificationRequestEntity } from './entities/organisation-verification-request.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { GraphqlAuthGuard } from './graphql/auth.guard';
import {
  AuthPayloadResolver,
  MembershipResolver,
  OrganisationResolver,
  OrganisationVerificationResolver,
  PersonResolver,
  UserResolver,
} from './graphql/identity.resolver';
import { InvitationsService } from './invitations.service';
import { MembershipsService } from './memberships.service';
import { OrganisationVerificationService } from './organisation-verification.service';
import { PasswordHasher } from './password-hasher';

export const IDENTITY_ENTITIES = [
  OrganisationEntity,
  UserEntity,
  MembershipEntity,
  RefreshTokenEntity,
  AccountTokenEntity,
  MembershipInvitationEntity,
  OrganisationVerificationRequestEntity,
];

/** Users, organisations, memberships, verification and authentication, for every process. */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), JwtModule.register({})],
  providers: [
    AuthService,
    DirectoryService,
    MembershipsService,
    InvitationsService,
    OrganisationVerificationService,
    PasswordHasher,
    AccountLinks,
    AccountMailQueue,
    AccountMailComposer,
  ],
  exports: [
    AuthService,
    DirectoryService,
    MembershipsService,
    InvitationsService,
    OrganisationVerificationService,
    PasswordHasher,
    AccountLinks,
    AccountMailComposer,
    TypeOrmModule,
  ],
})
export class IdentityModule {}

/** The GraphQL surface of identity, imported by apps/api only. */
@Module({
  imports: [IdentityModule],
  providers: [
    UserResolver,
    AuthPayloadResolver,
    MembershipResolver,
    OrganisationResolver,
    OrganisationVerificationResolver,
    PersonResolver,
    GraphqlAuthGuard,
  ],
  exports: [GraphqlAuthGuard, IdentityModule],
})
export class IdentityGraphqlModule {}
