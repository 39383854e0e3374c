import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestLoaders, unauthenticated } from '@app/core';
import { Actor } from '../domain/actor';
import { GraphqlContext } from './graphql-context';

export const IS_PUBLIC = Symbol('IS_PUBLIC');

/** Resolvers are guarded by default; this marks the few that anyone may call. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export function graphqlContextOf(context: ExecutionContext): GraphqlContext {
  return GqlExecutionContext.create(context).getContext<GraphqlContext>();
}

/** The authenticated actor (throws UNAUTHENTICATED on a public resolver called anonymously). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = graphqlContextOf(context).actor;
  if (!actor) throw unauthenticated();
  return actor;
});

/** The actor when there is one, for public resolvers that show more to signed-in viewers. */
export const OptionalActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor | undefined => graphqlContextOf(context).actor,
);

export const Loaders = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestLoaders => graphqlContextOf(context).loaders,
);
