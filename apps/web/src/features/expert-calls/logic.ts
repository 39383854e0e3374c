/** Whether a call still takes answers and responses: open, and its deadline not reached. Pure. */
export function takingAnswers(call: { status: string; deadline: string }, now: Date = new Date()): boolean {
  return call.status === 'OPEN' && new Date(call.deadline).getTime() > now.getTime();
}

/** Key words or industry codes typed as one line (commas, Chinese commas or 、). */
export function listOf(text?: string | null): string[] {
  return (text ?? '')
    .split(/[,，、]/)
    .map((item) => item.trim())
    .filter(Boolean);
}
