import { createConnection, createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port by binding port 0 on 127.0.0.1 and releasing it again.
 * Another process could take the port before the caller binds it; good enough for local servers and tests.
 */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('The OS did not assign a port'))));
    });
  });
}

/** True when something accepts TCP connections at host:port within the timeout. */
export function isTcpPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const finish = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Servers are only started for addresses on this machine; anything else must already be running. */
export function isLoopbackHost(host: string): boolean {
  const bare = stripIpv6Brackets(host).toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** `new URL('redis://[::1]:6379').hostname` keeps the brackets; sockets and servers want them off. */
export function stripIpv6Brackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
