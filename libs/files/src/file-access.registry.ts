import { Injectable } from '@nestjs/common';
import { Actor } from '@app/identity';
import { FileOwnerKind } from './stored-file.entity';

/** Whether `actor` (undefined: signed out) may see the object `ownerId` a file of this kind belongs to. */
export type FileAccessRule = (actor: Actor | undefined, ownerId: string) => Promise<boolean>;

/**
 * The access rule of each kind of file owner, registered at boot by the lib that owns the object (achievements,
 * brokerage): files never decide who sees an achievement or a deal, and need not depend on those libs.
 */
@Injectable()
export class FileAccessRegistry {
  private readonly rules = new Map<FileOwnerKind, FileAccessRule>();

  register(kind: FileOwnerKind, rule: FileAccessRule): void {
    if (this.rules.has(kind)) throw new Error(`A file access rule for ${kind} is registered twice`);
    this.rules.set(kind, rule);
  }

  /** A kind nobody registered a rule for lets nobody in (fails closed). */
  async mayAccess(kind: FileOwnerKind, actor: Actor | undefined, ownerId: string): Promise<boolean> {
    const rule = this.rules.get(kind);
    return rule ? rule(actor, ownerId) : false;
  }
}
