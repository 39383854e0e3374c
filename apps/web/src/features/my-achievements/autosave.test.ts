import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAutosave } from './autosave';

describe('useAutosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, a moment after the last of several changes', async () => {
    const save = vi.fn(() => Promise.resolve('draft-1'));
    const { result } = renderHook(() => useAutosave(save, { ready: () => true, delayMs: 1000 }));
    act(() => {
      result.current.changed();
      vi.advanceTimersByTime(600);
      result.current.changed();
      vi.advanceTimersByTime(600);
    });
    expect(save).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(500);
    });
    expect(save).toHaveBeenCalledTimes(1);
    expect(result.current.state).toBe('saved');
    expect(result.current.savedAt).toBeInstanceOf(Date);
  });

  it('does not save before the form is ready (no title yet)', async () => {
    const save = vi.fn(() => Promise.resolve('x'));
    const { result } = renderHook(() => useAutosave(save, { ready: () => false, delayMs: 100 }));
    act(() => result.current.changed());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(200);
    });
    expect(save).not.toHaveBeenCalled();
  });

  it('never runs two saves at once: saveNow waits for the automatic save in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const save = vi.fn(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 300));
      inFlight--;
      return 'id';
    });
    const { result } = renderHook(() => useAutosave(save, { ready: () => true, delayMs: 100 }));
    act(() => result.current.changed());
    let now: Promise<string> | undefined;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(150);
      now = result.current.saveNow();
      await vi.advanceTimersByTimeAsync(700);
    });
    await expect(now).resolves.toBe('id');
    expect(save).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it('shows a failed automatic save as state and hands saveNow errors to the caller', async () => {
    const save = vi.fn(() => Promise.reject(new Error('offline')));
    const { result } = renderHook(() => useAutosave(save, { ready: () => true, delayMs: 10 }));
    act(() => result.current.changed());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(20);
    });
    expect(result.current.state).toBe('failed');
    expect(result.current.error).toBe('offline');
    await act(async () => {
      await expect(result.current.saveNow()).rejects.toThrow('offline');
    });
  });
});
