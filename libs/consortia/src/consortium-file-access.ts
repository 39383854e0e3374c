import { Injectable, OnModuleInit } from '@nestjs/common';
import { FileAccessRegistry, FileOwnerKind } from '@app/files';
import { ConsortiaService } from './consortia.service';

/** The space's documents are downloadable by the accepted members' people only; each download is logged. */
@Injectable()
export class ConsortiumFileAccess implements OnModuleInit {
  constructor(
    private readonly registry: FileAccessRegistry,
    private readonly consortia: ConsortiaService,
  ) {}

  onModuleInit(): void {
    this.registry.register(FileOwnerKind.CONSORTIUM_DOCUMENT, (actor, consortiumId) =>
      this.consortia.mayDownloadDocument(actor, consortiumId),
    );
  }
}
