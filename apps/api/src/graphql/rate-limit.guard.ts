import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RATE_LIMITED, RateLimitMetadata, RateLimits } from '@app/core';
import { graphqlContextOf } from '@app/identity';

/** The value at a dotted path of the resolver's arguments (`input.email`), when it is a string. */
function argumentAt(args: Record<string, unknown>, path: string): string | undefined {
  let value: unknown = args;
  for (const key of path.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : undefined;
}

/**
 * Runs after the auth guard: a resolver marked @RateLimit counts against its limits per client address and per
 * account (the signed-in user, or the email an anonymous caller names). A limited request gets TOO_MANY_REQUESTS
 * with `extensions.retryAfterSeconds` (the retry-after plugin adds the Retry-After header).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const limit = this.reflector.get<RateLimitMetadata | undefined>(RATE_LIMITED, context.getHandler());
    if (!limit) return true;
    const ctx = graphqlContextOf(context);
    const args = GqlExecutionContext.create(context).getArgs<Record<string, unknown>>();
    const account = ctx.actor?.userId ?? (limit.accountArg ? argumentAt(args, limit.accountArg) : undefined);
    await this.limits.consume(limit.name, { ip: ctx.req.ip ?? 'unknown', account });
    return true;
  }
}
