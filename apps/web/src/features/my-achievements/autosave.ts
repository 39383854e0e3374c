import { useCallback, useEffect, useRef, useState } from 'react';
import { describeApiError } from '../../shared/lib/graphql-errors';

export type AutosaveState = 'idle' | 'saving' | 'saved' | 'failed';

/** How long after the last change the draft is saved. */
export const AUTOSAVE_DELAY_MS = 1_500;

/**
 * Saves a draft a moment after the last change, never two saves at once (the first save creates the draft; a
 * second one racing it would create another). `saveNow` (the form's buttons) cancels the pending timer, waits for
 * a save in flight and saves; its errors go to the caller, while an automatic save's error shows as state.
 */
export function useAutosave<T>(
  save: () => Promise<T>,
  options: { ready: () => boolean; delayMs?: number },
): {
  state: AutosaveState;
  savedAt: Date | null;
  error: string | null;
  changed: () => void;
  saveNow: () => Promise<T>;
} {
  const [state, setState] = useState<AutosaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ save, ready: options.ready });
  latest.current = { save, ready: options.ready };
  const delay = options.delayMs ?? AUTOSAVE_DELAY_MS;

  const enqueue = useCallback((): Promise<T> => {
    const run = chain.current.then(async () => {
      setState('saving');
      try {
        const result = await latest.current.save();
        setState('saved');
        setSavedAt(new Date());
        setError(null);
        return result;
      } catch (failure) {
        setState('failed');
        setError(describeApiError(failure).message);
        throw failure;
      }
    });
    chain.current = run.catch(() => undefined);
    return run;
  }, []);

  const changed = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      if (latest.current.ready()) enqueue().catch(() => undefined);
    }, delay);
  }, [delay, enqueue]);

  const saveNow = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    return enqueue();
  }, [enqueue]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return { state, savedAt, error, changed, saveNow };
}
