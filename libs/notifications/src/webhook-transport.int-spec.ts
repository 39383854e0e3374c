import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { postJson } from './webhook-transport';

describe('webhook transport', () => {
  let server: Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(`${String(request.headers['x-test'])}:${body}`);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (host: string, allowPrivateNetworks: boolean) =>
    postJson(`http://${host}:${port}/hook`, '{"n":1}', {
      timeoutMs: 2_000,
      allowPrivateNetworks,
      headers: { 'x-test': host },
    });

  it('delivers to loopback when private networks are allowed (development, tests)', async () => {
    await expect(send('localhost', true)).resolves.toBe(204);
    expect(received).toContain('localhost:{"n":1}');
  });

  it('refuses private destinations by name and by address when they are not (production)', async () => {
    const before = received.length;
    await expect(send('localhost', false)).rejects.toThrow(/resolves only to private addresses/);
    await expect(send('127.0.0.1', false)).rejects.toThrow(/is a private address/);
    expect(received.length).toBe(before);
  });
});
