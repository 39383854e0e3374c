import type { Request, Response } from 'express';
import { RequestLoaders } from '@app/core';
import { Actor } from '../domain/actor';

/** What every resolver gets: the HTTP exchange, the authenticated actor (if any) and per-request loaders. */
export interface GraphqlContext {
  req: Request;
  res: Response;
  loaders: RequestLoaders;
  actor?: Actor;
}
