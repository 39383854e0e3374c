import { Writable } from 'node:stream';
import { createPinoLogger, redactUrl, requestLogSerializer } from './logger';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('log redaction', () => {
  it('removes passwords, tokens and authorization headers at any depth', async () => {
    const { lines, stream } = capture();
    const logger = createPinoLogger('info', 'test', stream);
    logger.info(
      {
        variables: {
          input: { email: 'a@b.example', password: 'hunter2-secret-pw', nested: [{ refreshToken: 'rt-123' }] },
        },
        deep: { a: { b: { c: { d: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=1' } } } } } },
        config: { MEILI_MASTER_KEY: 'x', apiKey: 'key-456', DIGEST_SIGNING_SECRET: 'sss-789' },
      },
      'request',
    );
    await new Promise((resolve) => setImmediate(resolve));
    const line = lines.join('');
    for (const secret of ['hunter2-secret-pw', 'rt-123', 'abc.def.ghi', 'sid=1', 'key-456', 'sss-789', '"x"']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('a@b.example');
    expect(JSON.parse(line).variables.input.password).toBe('[redacted]');
  });

  it('keeps of a logged request its method, redacted URL and headers', () => {
    expect(
      requestLogSerializer({
        method: 'GET',
        url: '/x?token=t0k3n',
        headers: { authorization: 'Bearer t', 'user-agent': 'curl', 'x-api-key': 'k' },
      }),
    ).toEqual({
      id: undefined,
      method: 'GET',
      url: '/x?token=[redacted]',
      headers: { authorization: '[redacted]', 'user-agent': 'curl', 'x-api-key': '[redacted]' },
      remoteAddress: undefined,
    });
  });

  it('redacts secret query parameters of logged URLs', () => {
    expect(redactUrl('/digests/unsubscribe?token=abc&lang=zh')).toBe('/digests/unsubscribe?token=[redacted]&lang=zh');
    expect(redactUrl('/health')).toBe('/health');
  });
});
