import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthService } from './auth.service';
import { DirectoryService } from './directory.service';
import { MembershipEntity } from './entities/membership.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { GraphqlAuthGuard } from './graphql/auth.guard';
import {
  AuthPayloadResolver,
  MembershipResolver,
  OrganisationResolver,
  PersonResolver,
  UserResolver,
} from './graphql/identity.resolver';
import { PasswordHasher } from './password-hasher';

export const IDENTITY_ENTITIES = [OrganisationEntity, UserEntity, MembershipEntity, RefreshTokenEntity];

/** Users, organisations, roles and authentication, for every process. */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), JwtModule.register({})],
  providers: [AuthService, DirectoryService, PasswordHasher],
  exports: [AuthService, DirectoryService, PasswordHasher, TypeOrmModule],
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
    PersonResolver,
    GraphqlAuthGuard,
  ],
  exports: [GraphqlAuthGuard, IdentityModule],
})
export class IdentityGraphqlModule {}
