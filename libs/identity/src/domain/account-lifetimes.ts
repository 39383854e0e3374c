/** How long mailed links stay valid (each is also single use). */
export const EMAIL_VERIFICATION_TTL_HOURS = 72;
export const PASSWORD_RESET_TTL_MINUTES = 30;
export const INVITATION_TTL_DAYS = 7;
