import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TooManyRequestsError, type RateCharge } from '#kernel/errors';
import type { DocumentClient } from './client';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Per-client budgets (see `RateLimit` in the kernel), counted in the domain table: one item per
 * limit, subject and fixed window, whose `count` goes up by a conditional `ADD` that fails once
 * the cap is reached. The item expires with its window (TTL). A fixed window lets a client spend
 * up to twice its cap across a window's edge; that is acceptable for caps meant to stop abuse,
 * and it costs one write per request instead of a read and a write.
 */
export interface RateLimits {
  /** Counts one request (one conditional UpdateItem); TooManyRequestsError once the cap is reached. */
  charge(charge: RateCharge, now: Date): Promise<void>;
  /**
   * Refuses, with no request at all, a charge this process has already seen refused in the current
   * window: a client past its cap costs nothing more (no Stripe call, no DynamoDB request).
   */
  refuseKnownExhausted(charges: readonly RateCharge[], now: Date): void;
}

/** The window `now` falls in, in epoch seconds: [start, end). */
const windowOf = (charge: RateCharge, now: Date) => {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % charge.limit.windowSeconds);
  return { start, end: start + charge.limit.windowSeconds, seconds };
};

/** Expands an IPv6 address to its eight groups. */
const ipv6Groups = (ip: string): string[] => {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => g.padStart(4, '0'));
};

/**
 * Who a source address stands for: an IPv4 address as is (an IPv4-mapped IPv6 one too), an IPv6
 * address by its /64 prefix, since one subscriber is usually given a whole /64 and could otherwise
 * take a fresh address for every request.
 */
export const clientOf = (ip: string): string => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv6(ip)) return `${ipv6Groups(ip.toLowerCase()).slice(0, 4).join(':')}::/64`;
  return ip;
};

const subjectOf = ({ limit, subject }: RateCharge): string =>
  limit.per === 'ip' ? clientOf(subject) : limit.per === 'email' ? subject.trim().toLowerCase() : subject;

/**
 * The counter's key. The subject is hashed: keys then have a bounded length and do not show IP
 * or email addresses at a glance. It is no anonymisation (an IPv4 hash is found by trying them
 * all), which is why counters expire with their window.
 */
const counterKeys = (charge: RateCharge, now: Date) => {
  const digest = createHash('sha256').update(subjectOf(charge)).digest('base64url');
  if (charge.limit.held) return { PK: `RATE#${charge.limit.name}#${digest}`, SK: 'HELD' };
  return { PK: `RATE#${charge.limit.name}#${digest}`, SK: `WINDOW#${windowOf(charge, now).start}` };
};

/** A held counter's key, to give its charge back later (see `releaseHeld`). */
export const heldCounterKey = (charge: RateCharge): { PK: string; SK: string } => counterKeys(charge, new Date(0));

/** How long a held counter outlives its last use; none is held longer than an unpaid order lives. */
const HELD_TTL_SECONDS = 24 * 3600;

/** Gives back one charge of a held counter, in the transaction that ends what it held (no condition: it must never block a payment). */
export const releaseHeld = (table: string, key: { PK: string; SK: string }): TransactItem => ({
  Update: {
    TableName: table,
    Key: { PK: key.PK, SK: key.SK },
    UpdateExpression: 'ADD #count :minusOne',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':minusOne': -1 },
  },
});

/** Counters this process saw refused, with the end of their window (epoch seconds) to forget them after. */
const exhausted = new Map<string, number>();
const MEMORY_LIMIT = 10_000;

const memoryKey = (table: string, charge: RateCharge, now: Date) => {
  const { PK, SK } = counterKeys(charge, now);
  return `${table}|${PK}|${SK}`;
};

const remember = (table: string, charge: RateCharge, now: Date) => {
  // A held budget frees up when an order is paid: only DynamoDB knows when.
  if (charge.limit.held) return;
  const { end, seconds } = windowOf(charge, now);
  if (exhausted.size >= MEMORY_LIMIT) {
    for (const [key, until] of exhausted) if (until <= seconds) exhausted.delete(key);
    // Still full under a flood of distinct clients: forget rather than grow; DynamoDB still counts.
    if (exhausted.size >= MEMORY_LIMIT) exhausted.clear();
  }
  exhausted.set(memoryKey(table, charge, now), end);
};

const WHO = { ip: 'this network address', email: 'this email address', customer: 'this account' } as const;

/**
 * The refusal of a charge past its cap, saying when the client may try again: when the window
 * ends, or for a held budget when what it holds ends at the latest (`heldUntil`: each of its
 * unpaid orders was placed before this one would have been, so each ends by this one's deadline).
 * Also remembered, so the same client is refused at once by `refuseKnownExhausted` until then.
 */
export const refusal = (table: string, charge: RateCharge, now: Date, cause?: unknown, heldUntil?: Date): TooManyRequestsError => {
  remember(table, charge, now);
  const { limit } = charge;
  const { end, seconds } = windowOf(charge, now);
  if (limit.held) {
    const retryAfterSeconds = heldUntil ? Math.max(1, Math.ceil((heldUntil.getTime() - now.getTime()) / 1000)) : limit.windowSeconds;
    return new TooManyRequestsError(
      `Too many unpaid orders (${limit.name}) from ${WHO[limit.per]}: at most ${limit.cap} at once. Pay one of them, or try again once one is paid or has expired: in ${retryAfterSeconds} seconds at the latest.`,
      retryAfterSeconds,
      { cause },
    );
  }
  const retryAfterSeconds = Math.max(1, end - seconds);
  return new TooManyRequestsError(
    `Too many requests (${limit.name}) from ${WHO[limit.per]}: at most ${limit.cap} per ${limit.windowSeconds / 60} minutes. Try again in ${retryAfterSeconds} seconds.`,
    retryAfterSeconds,
    { cause },
  );
};

/** The conditional `ADD` of one request: it fails (ConditionalCheckFailed) once the cap is reached. */
const counting = (table: string, charge: RateCharge, now: Date) => ({
  TableName: table,
  Key: counterKeys(charge, now),
  UpdateExpression: 'SET expiresAt = :windowEnd ADD #count :one',
  ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
  ExpressionAttributeNames: { '#count': 'count' },
  ExpressionAttributeValues: {
    ':one': 1,
    ':cap': charge.limit.cap,
    ':windowEnd': charge.limit.held ? Math.floor(now.getTime() / 1000) + HELD_TTL_SECONDS : windowOf(charge, now).end,
  },
});

/**
 * The same count as one item of another transaction (checkout's), so it costs no request of its
 * own and counts only what the transaction does. A cancellation with ConditionalCheckFailed on
 * this item means the cap was reached: answer it with `refusal(...)` (429), not a 409.
 */
export const chargeInTransaction = (table: string, charge: RateCharge, now: Date): TransactItem => ({ Update: counting(table, charge, now) });

export const createRateLimits = (db: DocumentClient, table: string): RateLimits => {
  // The memory's keys name the window, so a client is refused only in the window it exhausted.
  const refuseKnownExhausted = (charges: readonly RateCharge[], now: Date) => {
    const known = charges.find((charge) => exhausted.has(memoryKey(table, charge, now)));
    if (known) throw refusal(table, known, now);
  };
  return {
    refuseKnownExhausted,
    async charge(charge, now) {
      refuseKnownExhausted([charge], now);
      try {
        await db.send(new UpdateCommand(counting(table, charge, now)));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw refusal(table, charge, now, error);
        throw error;
      }
    },
  };
};
