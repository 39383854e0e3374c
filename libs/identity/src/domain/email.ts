/** Emails are stored and compared lower-cased and trimmed. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();
