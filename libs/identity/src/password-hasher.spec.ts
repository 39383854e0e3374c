import { AppConfig, DomainException } from '@app/core';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  function hasher(concurrency: number, queue: number): PasswordHasher {
    return new PasswordHasher(
      Object.assign(new AppConfig(), { PASSWORD_HASH_CONCURRENCY: concurrency, PASSWORD_HASH_QUEUE: queue }),
    );
  }

  it('hashes and verifies', async () => {
    const subject = hasher(2, 2);
    const stored = await subject.hash('一个足够长的密码 passphrase');
    expect(await subject.verify(stored, '一个足够长的密码 passphrase')).toBe(true);
    expect(await subject.verify(stored, 'wrong')).toBe(false);
  });

  it('runs at most PASSWORD_HASH_CONCURRENCY hashes, queues PASSWORD_HASH_QUEUE more and refuses the rest', async () => {
    const subject = hasher(1, 1);
    const first = subject.hash('one passphrase');
    const second = subject.hash('two passphrase');
    expect(subject.load).toEqual({ running: 1, waiting: 1 });
    const third = subject.hash('three passphrase');
    await expect(third).rejects.toBeInstanceOf(DomainException);
    await expect(third).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { retryAfterSeconds: 1 } });
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    expect(subject.load).toEqual({ running: 0, waiting: 0 });
  });
});
