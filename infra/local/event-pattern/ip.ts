import { invalid, show } from './errors';
import type { Matcher } from './matcher';

/**
 * IP addresses as event-ruler reads them: a dotted quad of decimal numbers (`010.0.0.1` is
 * 10.0.0.1, not octal) or hex groups and colons (no embedded dotted quad); an IPv4-mapped IPv6
 * address (`::ffff:a00:1`) is the IPv4 address it maps, as Java's InetAddress has it.
 */
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

const parseIpv4 = (text: string): number[] | undefined => {
  const octets = text.split('.').map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
};

const parseIpv6 = (text: string): number[] | undefined => {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (!groups.flat().every((g) => HEX_GROUP.test(g))) return undefined;
  const [head = [], tail = []] = groups;
  const missing = 8 - head.length - tail.length;
  // `::` stands for at least one zero group; without it there must be exactly eight.
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((g) => parseInt(g, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
};

/** The address's bytes (4 or 16), or undefined when the text is not an IP address. */
export const parseIp = (text: string): number[] | undefined => {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
};

const compareBytes = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

/** Tests a string leaf for an address of the same family between `low` and `high`, both included. */
const inRange =
  (low: readonly number[], high: readonly number[]): Matcher =>
  (value) => {
    if (typeof value !== 'string') return false;
    const ip = parseIp(value);
    return ip !== undefined && ip.length === low.length && compareBytes(ip, low) >= 0 && compareBytes(ip, high) <= 0;
  };

/** An exact string that is an IP address also matches other spellings of it (`2001:db8::1`, `2001:DB8:0:0:0:0:0:1`). */
export const sameIp = (text: string): Matcher | undefined => {
  const ip = parseIp(text);
  return ip && inRange(ip, ip);
};

/**
 * `cidr: "10.0.0.0/24"`: the addresses whose first bits are the prefix's. event-ruler refuses a
 * full-length mask (/32, /128) — an exact IP string does that job — so this does too.
 */
export const compileCidr = (spec: unknown): Matcher => {
  if (typeof spec !== 'string') return invalid(`cidr takes a string such as "10.0.0.0/24", not ${show(spec)}`);
  const parts = spec.split('/');
  if (parts.length !== 2) return invalid(`malformed CIDR ${show(spec)}: exactly one "/" is required`);
  const [address = '', maskText = ''] = parts;
  if (!/^[+-]?[0-9]+$/.test(maskText)) return invalid(`malformed CIDR ${show(spec)}: the mask bits must be an integer`);
  const maskBits = Number(maskText);
  if (maskBits < 0) return invalid(`malformed CIDR ${show(spec)}: the mask bits must not be negative`);
  const ip = parseIp(address);
  if (!ip) return invalid(`${show(address)} is not an IPv4 or IPv6 address`);
  if (maskBits >= ip.length * 8) return invalid(`an ${ip.length === 4 ? 'IPv4' : 'IPv6'} mask must be below ${ip.length * 8} bits`);
  const hostBits = (i: number) => Math.min(8, Math.max(0, (i + 1) * 8 - maskBits));
  const low = ip.map((byte, i) => byte & ~((1 << hostBits(i)) - 1) & 0xff);
  const high = ip.map((byte, i) => byte | ((1 << hostBits(i)) - 1));
  return inRange(low, high);
};
