import { Injectable } from '@nestjs/common';

/**
 * The seam to brokerage (built in libs/brokerage): which of a broker's candidate matches are still unclaimed.
 * Until brokerage provides its own implementation (`{ provide: BrokerDigestSource, useClass: ... }` in the
 * digests module, or an override in the apps), every match counts as unclaimed. Idle deals join the broker
 * digest here too, once deals exist: add `idleDeals(brokerId, since, until)` and a digest item kind for them.
 */
export abstract class BrokerDigestSource {
  /** The subset of `matchIds` no broker has claimed yet. */
  abstract unclaimed(matchIds: readonly string[]): Promise<Set<string>>;
}

@Injectable()
export class AllMatchesUnclaimed extends BrokerDigestSource {
  unclaimed(matchIds: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(matchIds));
  }
}
