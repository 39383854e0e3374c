import { BlockList, isIP } from 'node:net';

// Addresses a webhook must not reach in production: a subscriber-supplied URL would otherwise let anyone probe
// or call services inside the deployment's network (SSRF).
const PRIVATE_IPV4 = new BlockList();
// Apart: node's BlockList lets an IPv6 rule such as ::/96 match IPv4 addresses too.
const PRIVATE_IPV6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE_IPV4.addSubnet(network, prefix, 'ipv4');
}
// IPv6 ranges that carry or translate to IPv4 are refused whole: IPv4-compatible (::/96) and IPv4-mapped
// (::ffff:0:0/96) addresses, NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16) and Teredo (2001::/32) could
// otherwise reach an IPv4 address inside the network that the IPv4 list above refuses.
for (const [network, prefix] of [
  ['::', 96],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE_IPV6.addSubnet(network, prefix, 'ipv6');
}

/**
 * True for loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses, and for every IPv6
 * address that embeds or translates to an IPv4 one (mapped, compatible, NAT64, 6to4, Teredo).
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return family === 4 ? PRIVATE_IPV4.check(address, 'ipv4') : PRIVATE_IPV6.check(address, 'ipv6');
}
