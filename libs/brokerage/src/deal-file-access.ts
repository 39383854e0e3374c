import { Injectable, OnModuleInit } from '@nestjs/common';
import { FileAccessRegistry, FileOwnerKind } from '@app/files';
import { DealsService } from './deals.service';

/** A deal's documents are downloadable by whoever sees the deal: its broker, its parties, administrators. */
@Injectable()
export class DealFileAccess implements OnModuleInit {
  constructor(
    private readonly registry: FileAccessRegistry,
    private readonly deals: DealsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      FileOwnerKind.DEAL_DOCUMENT,
      async (actor, id) => !!actor && (await this.deals.visibleByIds(actor, [id])).length > 0,
    );
  }
}
