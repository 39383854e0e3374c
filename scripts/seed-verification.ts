/**
 * One organisation waiting for the bureau's verification (called by scripts/seed.ts after the directory), so the
 * bureau's queue (科技局 → 认证审核) has something to decide in a demo and in the browser tests. Its external key is
 * not `seed:`: the directory's own organisations are all verified. Idempotent: nothing is done once the organisation
 * exists, whatever was decided since.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  creditCodeCheckCharacter,
  OrganisationEntity,
  OrganisationKind,
  OrganisationVerificationRequestEntity,
  OrganisationVerificationStatus,
  UserEntity,
  VerificationRequestStatus,
} from '@app/identity';

export const PENDING_VERIFICATION_ORGANISATION = '青禾智能装备有限公司';

export async function seedPendingVerification(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  await dataSource.transaction(async (manager) => {
    const externalKey = 'demo-pending:qinghe-equipment';
    if (await manager.existsBy(OrganisationEntity, { externalKey })) return;
    const submitter = await manager.findOneByOrFail(UserEntity, { email: 'enterprise@demo.local' });
    const organisation = await manager.save(
      manager.create(OrganisationEntity, {
        externalKey,
        name: PENDING_VERIFICATION_ORGANISATION,
        kind: OrganisationKind.ENTERPRISE,
        region: '湖州',
        verificationStatus: OrganisationVerificationStatus.PENDING,
      }),
    );
    const first17 = '91330500MA2JQH7K0';
    await manager.save(
      manager.create(OrganisationVerificationRequestEntity, {
        organisationId: organisation.id,
        submittedById: submitter.id,
        registeredName: '湖州青禾智能装备有限公司',
        creditCode: first17 + creditCodeCheckCharacter(first17),
        evidence: '营业执照副本已上传至企业信用信息公示系统；联系人：周敏，0572-0000000',
        status: VerificationRequestStatus.PENDING,
      }),
    );
  });
}
