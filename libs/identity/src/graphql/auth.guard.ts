import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { fail, unauthenticated } from '@app/core';
import { AuthService } from '../auth.service';
import { graphqlContextOf, IS_PUBLIC } from './auth.decorators';

/**
 * Registered as the API's global guard: every resolver needs a valid access token unless marked @Public().
 * A public resolver still learns who is calling when a token is sent; a bad token is an error either way.
 */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const ctx = graphqlContextOf(context);
    if (!ctx.actor) {
      const token = bearerToken(ctx.req.headers.authorization);
      if (token) ctx.actor = await this.auth.authenticate(token);
    }
    if (!ctx.actor && !isPublic) throw unauthenticated();
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw fail('AUTHORIZATION_HEADER_MALFORMED');
  return match[1];
}
