export enum DigestChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
  IN_APP = 'IN_APP',
}

export enum DigestFrequency {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}

export enum DigestLanguage {
  zh = 'zh',
  en = 'en',
}

/**
 * PENDING → SENDING → (email: COMMITTING →) SENT. A failed attempt goes back to RETRYING; the last one ends in
 * DEAD. An email found COMMITTING after a crash ends UNKNOWN (never resent: at most once). SKIPPED: the channel
 * no longer applies (webhook removed or disabled, preferences turned off).
 */
export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  COMMITTING = 'COMMITTING',
  RETRYING = 'RETRYING',
  SENT = 'SENT',
  DEAD = 'DEAD',
  UNKNOWN = 'UNKNOWN',
  SKIPPED = 'SKIPPED',
}

export const FINAL_DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  DeliveryStatus.SENT,
  DeliveryStatus.DEAD,
  DeliveryStatus.UNKNOWN,
  DeliveryStatus.SKIPPED,
];
