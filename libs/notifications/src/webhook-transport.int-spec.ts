import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
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

  it('gives up at the total deadline on a receiver that answers one byte at a time', async () => {
    const dribbler = createNetServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\n');
      const timer = setInterval(() => socket.write('X'), 50);
      socket.on('close', () => clearInterval(timer));
      socket.on('error', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => dribbler.listen(0, '127.0.0.1', resolve));
    const dribblerPort = (dribbler.address() as AddressInfo).port;
    try {
      await expect(
        postJson(`http://127.0.0.1:${dribblerPort}/hook`, '{}', {
          timeoutMs: 300,
          allowPrivateNetworks: true,
          headers: {},
        }),
      ).rejects.toMatchObject({ name: expect.stringMatching(/AbortError|TimeoutError/) });
    } finally {
      dribbler.close();
    }
  });

  it('refuses IPv6 literals that reach IPv4 (mapped, compatible, NAT64, 6to4) when private networks are not allowed', async () => {
    for (const host of ['[::ffff:127.0.0.1]', '[::127.0.0.1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::1]']) {
      await expect(
        postJson(`http://${host}:${port}/hook`, '{}', { timeoutMs: 1_000, allowPrivateNetworks: false, headers: {} }),
      ).rejects.toThrow(/is a private address/);
    }
  });
});
