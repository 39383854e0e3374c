import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { isPrivateAddress } from './domain/address-policy';

/**
 * POSTs JSON and resolves to the status code (redirects are not followed). The address check happens in the
 * socket's own DNS lookup, so a name cannot resolve to a public address for a check and a private one for the
 * connection (DNS rebinding). `timeoutMs` is a total deadline: lookup, connection and the answer's head together.
 */
export function postJson(
  target: string,
  body: string,
  options: { timeoutMs: number; allowPrivateNetworks: boolean; headers: Record<string, string> },
): Promise<number> {
  const url = new URL(target);
  const transport = url.protocol === 'https:' ? https : http;
  const lookup: LookupFunction = (hostname, lookupOptions, callback) =>
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = options.allowPrivateNetworks ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (usable.length === 0) {
        return callback(
          Object.assign(new Error(`${hostname} resolves only to private addresses`), { code: 'EPRIVATE' }),
          '',
          0,
        );
      }
      if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  if (
    isIP(url.hostname.replace(/^\[|\]$/g, '')) &&
    !options.allowPrivateNetworks &&
    isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''))
  ) {
    return Promise.reject(new Error(`${url.hostname} is a private address`));
  }
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        // A fresh connection each time: every connection passes the address check in `lookup`.
        agent: false,
        lookup,
        timeout: options.timeoutMs,
        // The socket timeout above only notices silence; a receiver dribbling bytes would outlast it.
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: {
          ...options.headers,
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
        },
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        // The answer's body is not read: close the connection rather than drain an endless one.
        response.destroy();
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
