/** 技术经纪人 levels: 初级, 中级, 高级. */
export enum BrokerCredentialLevel {
  JUNIOR = 'JUNIOR',
  INTERMEDIATE = 'INTERMEDIATE',
  SENIOR = 'SENIOR',
}

export enum BrokerCredentialStatus {
  /** Nothing submitted yet. */
  NONE = 'NONE',
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}

export const CERTIFICATE_NUMBER_MAX = 64;
export const ISSUING_BODY_MAX = 200;

/** Whether the credential lets its holder work as a broker at `now`: verified and not expired. */
export function credentialActive(
  profile: { credentialStatus: BrokerCredentialStatus; credentialExpiresAt: Date | null },
  now: Date,
): boolean {
  return (
    profile.credentialStatus === BrokerCredentialStatus.VERIFIED &&
    !!profile.credentialExpiresAt &&
    profile.credentialExpiresAt.getTime() > now.getTime()
  );
}

/** Why a broker may not work now, or null: the error reason to answer with. */
export function credentialProblem(
  profile: { credentialStatus: BrokerCredentialStatus; credentialExpiresAt: Date | null },
  now: Date,
): 'BROKER_CREDENTIAL_NOT_VERIFIED' | 'BROKER_CREDENTIAL_EXPIRED' | null {
  if (profile.credentialStatus !== BrokerCredentialStatus.VERIFIED) return 'BROKER_CREDENTIAL_NOT_VERIFIED';
  if (!credentialActive(profile, now)) return 'BROKER_CREDENTIAL_EXPIRED';
  return null;
}
