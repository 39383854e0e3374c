import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { runWithRequestContext } from '@app/core';

/**
 * Resolvers and controllers run inside the request's context again: the body parser's stream callbacks lose the
 * AsyncLocalStorage context the first middleware entered, so the request id is taken back from the response header.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ res?: Response }>().res
        : context.switchToHttp().getResponse<Response>();
    const requestId = res?.getHeader?.('X-Request-Id');
    if (typeof requestId !== 'string') return next.handle();
    return new Observable((subscriber) =>
      runWithRequestContext({ requestId }, () => next.handle().subscribe(subscriber)),
    );
  }
}
