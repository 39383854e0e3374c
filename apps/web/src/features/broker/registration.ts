/**
 * 技术合同登记号 as the API checks it (libs/core `TECH_CONTRACT_REGISTRATION_NUMBER`): the 4-digit year, the 6-digit
 * administrative-division code of the registration office and a 4–8 digit sequence; spaces and hyphens people type
 * are dropped first. Checked here too so the form says so before sending.
 */
export const REGISTRATION_NUMBER = /^(19|20)\d{2}[1-8]\d{5}\d{4,8}$/;

export function normaliseRegistrationNumber(value: string): string {
  return value.replace(/[\s\-－]/g, '');
}

export function isRegistrationNumber(value: string | undefined | null): boolean {
  return !!value && REGISTRATION_NUMBER.test(normaliseRegistrationNumber(value));
}

/**
 * Whether a registered value needs the reason it differs from the agreed price: only once that price was published
 * (协议定价公示), compared to the stored 4 decimals — as the API decides.
 */
export function needsDifferenceReason(
  deal: { agreedPriceWan?: number | null; priceNoticeStatus?: string | null },
  contractValueWan: number | null | undefined,
): boolean {
  if (deal.agreedPriceWan == null || !deal.priceNoticeStatus || deal.priceNoticeStatus === 'NONE') return false;
  if (contractValueWan == null) return false;
  return Math.round(deal.agreedPriceWan * 10_000) !== Math.round(contractValueWan * 10_000);
}
