import { JobRegistryError, resolveJobHandlers } from './job-workers';

describe('resolveJobHandlers', () => {
  const handler = () => undefined;

  it('maps each job to its single handler', () => {
    const handlers = resolveJobHandlers(
      [
        { job: 'a', owner: 'A.run', handler },
        { job: 'b', owner: 'B.run', handler },
      ],
      ['a', 'b'],
    );
    expect([...handlers.keys()]).toEqual(['a', 'b']);
  });

  it('refuses a job with two handlers, a job with none, and a handler of an unknown job, naming all at once', () => {
    const attempt = () =>
      resolveJobHandlers(
        [
          { job: 'a', owner: 'A.run', handler },
          { job: 'a', owner: 'OtherA.run', handler },
          { job: 'zzz', owner: 'Z.run', handler },
        ],
        ['a', 'b'],
      );
    expect(attempt).toThrow(JobRegistryError);
    expect(attempt).toThrow(
      'Job registry is inconsistent:\n  - job "a" has 2 handlers: A.run, OtherA.run\n  - job "b" has no handler\n  - Z.run handles unknown job "zzz"',
    );
  });
});
