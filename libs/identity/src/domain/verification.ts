import { OrganisationKind } from './roles';

/** The badge an organisation shows: only an ADMIN (the bureau) moves it to VERIFIED or REJECTED. */
export enum OrganisationVerificationStatus {
  UNVERIFIED = 'UNVERIFIED',
  /** A verification request waits in the bureau's queue. */
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}

export enum VerificationRequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** Kinds whose verification request must carry a 统一社会信用代码 (companies; institutions may give one). */
export const CREDIT_CODE_REQUIRED_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.ENTERPRISE,
  OrganisationKind.BROKER_AGENCY,
];

/** Whether an organisation in this status may submit a (new) verification request. */
export function maySubmitVerification(status: OrganisationVerificationStatus): boolean {
  return status === OrganisationVerificationStatus.UNVERIFIED || status === OrganisationVerificationStatus.REJECTED;
}
