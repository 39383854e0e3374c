import { Injectable, OnModuleInit } from '@nestjs/common';
import { FileAccessRegistry, FileOwnerKind } from '@app/files';
import { ExpertCallsService } from './expert-calls.service';

/** A response's attachments are downloadable by whoever sees the invitation: the invited expert and the bureau. */
@Injectable()
export class ExpertCallFileAccess implements OnModuleInit {
  constructor(
    private readonly registry: FileAccessRegistry,
    private readonly calls: ExpertCallsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(FileOwnerKind.EXPERT_CALL_RESPONSE, (actor, invitationId) =>
      this.calls.maySeeInvitation(actor, invitationId),
    );
  }
}
