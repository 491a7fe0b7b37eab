import * as z from 'zod/mini';
import { ValidationError } from '#kernel/errors';
import { parseInput } from '#runtime/validate';
import type { LocalBus } from './bus';
import type { Chaos } from './chaos';
import { MAX_ADVANCE_SECONDS, type LocalClock } from './clock';
import type { FaultRegistry } from './faults';
import { DevReply, type DevRoutes } from './http-adapter';
import type { LocalIssuer } from './jwt';
import type { LocalQueue } from './queue';
import type { StripeEmulator } from './stripe-emulator/index';
import type { SigningKey } from '#runtime/signing';
import { serveDownload } from './downloads';

export interface DevRouteDeps {
  bus: LocalBus;
  queues: Record<string, LocalQueue>;
  outbox: readonly { to: string; subject: string; text: string; html?: string; template?: string; eventId?: string; sentAt: string }[];
  /** The server's signing key: local download links are signed with it. */
  signing: SigningKey;
  issuer: LocalIssuer;
  faults: FaultRegistry;
  chaos: Chaos | undefined;
  stripe: StripeEmulator | undefined;
  clock: LocalClock;
  /** Runs the schedules that came due on the clock; resolves with their names once they ran. */
  runDueSchedules: () => Promise<string[]>;
}

const ClockAdvance = z.strictObject({ advanceSeconds: z.number().check(z.minimum(0), z.maximum(MAX_ADVANCE_SECONDS)) });
/**
 * The claims of a local token, as Cognito could issue them: a group name is what Cognito accepts
 * (letters, marks, symbols, digits, punctuation; no space), since API Gateway hands the groups to
 * the function as one string, `[admin staff]`, split on spaces.
 */
const TokenClaims = z.strictObject({
  sub: z.optional(z.string().check(z.regex(/^[\p{L}\p{N}\p{P}\p{S}]{1,128}$/u, 'is 1 to 128 characters, no space'))),
  email: z.optional(z.email()),
  groups: z.optional(z.array(z.string().check(z.regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u, 'is a Cognito group name: 1 to 128 characters, no space')))),
});

/** The request body as JSON; none is `{}`; anything else unreadable is a 400 naming `body`. */
const json = (body: string): unknown => {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new ValidationError('The body is not valid JSON.', [{ path: 'body', message: 'is not valid JSON' }]);
  }
};

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * What the local runtime serves besides the API (API.md, "Local only"): the events the bus
 * carried and their replay, the outbox, faults on demand and chaos counters, the movable clock,
 * tokens for signed-in customers.
 */
export const devRoutes = (deps: DevRouteDeps): DevRoutes => {
  const { bus, queues, faults, chaos, clock } = deps;
  const faultsView = () => {
    if (!chaos) return faults.view();
    const perQueue = Object.values(queues).map((q) => q.injected);
    return {
      ...faults.view(),
      chaos: {
        seed: chaos.seed,
        injected: {
          duplicates: sum(perQueue.map((i) => i.duplicates)),
          reordered: sum(perQueue.map((i) => i.reordered)),
          concurrentBatches: sum(perQueue.map((i) => i.concurrentBatches)),
          putEventsFailures: chaos.counters.putEventsFailures,
          scheduleDuplicates: chaos.counters.scheduleDuplicates,
          webhookRedeliveries: deps.stripe?.chaosInjected.webhookRedeliveries ?? 0,
          stripeLostAnswers: deps.stripe?.apiInjected.lostAnswers ?? 0,
          stripeKeysInUse: deps.stripe?.apiInjected.keysInUse ?? 0,
        },
      },
    };
  };
  return {
    'GET /dev/events': () => ({ items: bus.carried }),
    'POST /dev/events/replay': () => new DevReply(202, bus.replay()),
    'GET /dev/outbox': () => ({ items: deps.outbox.map(({ to, subject, text, html, template, eventId, sentAt }) => ({ to, subject, text, html, template, eventId, sentAt })) }),
    'GET /dev/downloads': serveDownload(deps.signing, clock.date),
    'GET /dev/queues': () => Object.fromEntries(Object.entries(queues).map(([n, q]) => [n, { depth: q.depth, deadLetters: q.deadLetters.length }])),
    'GET /dev/faults': faultsView,
    'POST /dev/faults': (body) => {
      faults.set(json(body));
      return faultsView();
    },
    'DELETE /dev/faults': () => {
      faults.clear();
      return new DevReply(204);
    },
    'GET /dev/clock': () => ({ now: clock.date().toISOString() }),
    'POST /dev/clock': async (body) => {
      const { advanceSeconds } = parseInput(ClockAdvance, json(body), 'body');
      clock.advance(advanceSeconds);
      const schedulesRun = await deps.runDueSchedules();
      return { now: clock.date().toISOString(), schedulesRun };
    },
    'POST /dev/tokens': async (body) => {
      const claims = parseInput(TokenClaims, json(body), 'body');
      return { token: await deps.issuer.mint({ sub: claims.sub ?? 'customer-1', ...(claims.email && { email: claims.email }), groups: claims.groups ?? [] }) };
    },
    'GET /local-idp/.well-known/jwks.json': () => deps.issuer.jwks,
  };
};
