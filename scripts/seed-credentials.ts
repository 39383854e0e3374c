import { EntityManager } from 'typeorm';
import { BrokerCredentialLevel, BrokerCredentialStatus, BrokerProfileEntity } from '@app/brokerage';

/**
 * A demo broker's 技术经纪人 credential, verified (as the bureau would) and valid three years from now, with the
 * confidentiality terms acknowledged, so the demo broker works at once. Insert only, then fill a profile that has
 * no credential yet: a decision taken since (rejected, renewed) is not undone by seeding again.
 */
export async function seedVerifiedBrokerCredential(
  manager: EntityManager,
  userId: string,
  certificateNumber: string,
): Promise<void> {
  const now = new Date();
  const credential = {
    credentialStatus: BrokerCredentialStatus.VERIFIED,
    credentialLevel: BrokerCredentialLevel.INTERMEDIATE,
    certificateNumber,
    issuingBody: '浙江省科学技术厅',
    credentialExpiresAt: new Date(now.getTime() + 3 * 365 * 86_400_000),
    credentialSubmittedAt: now,
    credentialDecidedAt: now,
    confidentialityAcknowledgedAt: now,
  };
  await manager
    .createQueryBuilder()
    .insert()
    .into(BrokerProfileEntity)
    .values({ userId, industryCodes: [], ...credential })
    .orIgnore()
    .execute();
  await manager.update(BrokerProfileEntity, { userId, credentialStatus: BrokerCredentialStatus.NONE }, credential);
}
