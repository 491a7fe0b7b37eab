import type { Charges } from './charges';
import { checkKnown, invalidParam, missing } from './errors';
import { expand, type Lookup } from './expand';
import { list, str, type FormObject } from './form';
import { listOf } from './objects';
import type { PaymentIntents } from './payment-intents';
import type { Refunds } from './refunds';
import type { WebhookSender } from './webhooks';

export type Route = [method: string, pattern: RegExp, run: (match: RegExpExecArray, form: FormObject) => unknown];

export interface Stores {
  intents: PaymentIntents;
  charges: Charges;
  refunds: Refunds;
  webhooks: WebhookSender;
}

const pageParams = ['limit', 'starting_after', 'ending_before', 'expand'];

/** `limit` (1 to 100, 10 by default), `starting_after`, `ending_before`, as Stripe pages lists. */
const page = (form: FormObject) => {
  const raw = str(form, 'limit');
  const limit = raw === undefined ? 10 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw invalidParam('limit', 'This value must be greater than or equal to 1.');
  if (limit > 100) throw invalidParam('limit', 'This value must be less than or equal to 100.');
  const startingAfter = str(form, 'starting_after');
  const endingBefore = str(form, 'ending_before');
  return { limit, ...(startingAfter && { startingAfter }), ...(endingBefore && { endingBefore }) };
};

/** The Stripe API we emulate: PaymentIntents, Charges, Refunds, Events (with `expand`). */
export const apiRoutes = ({ intents, charges, refunds, webhooks }: Stores): Route[] => {
  const lookup: Lookup = {
    byId: (id) => intents.all.get(id) ?? charges.all.get(id) ?? refunds.all.get(id),
    refundsOf: (chargeId) => [...refunds.all.values()].filter((r) => r.charge === chargeId),
  };
  const out = (form: FormObject, value: object) => expand(structuredClone(value), list(form, 'expand'), lookup);
  const one = (allowed: readonly string[], get: (id: string) => object): Route[2] => (m, form) => {
    checkKnown(form, allowed);
    return out(form, get(m[1] ?? ''));
  };
  return [
    ['POST', /^\/v1\/payment_intents$/, (_m, form) => out(form, intents.create(form))],
    ['GET', /^\/v1\/payment_intents$/, (_m, form) => {
      checkKnown(form, [...pageParams, 'created', 'customer', 'customer_account']);
      const customer = str(form, 'customer');
      const all = [...intents.all.values()].filter((pi) => !customer || pi.customer === customer);
      return out(form, listOf(all, '/v1/payment_intents', page(form)));
    }],
    ['GET', /^\/v1\/payment_intents\/([^/]+)$/, one(['client_secret', 'expand'], (id) => intents.get(id))],
    ['POST', /^\/v1\/payment_intents\/([^/]+)\/confirm$/, (m, form) => out(form, intents.confirm(m[1] ?? '', form))],
    ['POST', /^\/v1\/payment_intents\/([^/]+)\/cancel$/, (m, form) => out(form, intents.cancel(m[1] ?? '', form))],
    ['GET', /^\/v1\/charges$/, (_m, form) => {
      checkKnown(form, [...pageParams, 'created', 'customer', 'payment_intent', 'transfer_group']);
      const intent = str(form, 'payment_intent');
      const all = [...charges.all.values()].filter((c) => !intent || c.payment_intent === intent);
      return out(form, listOf(all, '/v1/charges', page(form)));
    }],
    ['GET', /^\/v1\/charges\/([^/]+)$/, one(['expand'], (id) => charges.get(id))],
    ['POST', /^\/v1\/refunds$/, (_m, form) => out(form, refunds.create(form))],
    ['GET', /^\/v1\/refunds$/, (_m, form) => {
      checkKnown(form, [...pageParams, 'created', 'charge', 'payment_intent']);
      const [charge, intent] = [str(form, 'charge'), str(form, 'payment_intent')];
      const all = [...refunds.all.values()].filter((r) => (!charge || r.charge === charge) && (!intent || r.payment_intent === intent));
      return out(form, listOf(all, '/v1/refunds', page(form)));
    }],
    ['GET', /^\/v1\/refunds\/([^/]+)$/, one(['expand'], (id) => refunds.get(id))],
    ['GET', /^\/v1\/events$/, (_m, form) => {
      checkKnown(form, [...pageParams, 'created', 'delivery_success', 'type', 'types']);
      const [type, types] = [str(form, 'type'), list(form, 'types')];
      const matches = (t: string) => (!type || new RegExp(`^${type.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`).test(t)) && (types.length === 0 || types.includes(t));
      return out(form, listOf(webhooks.events.filter((e) => matches(e.type)), '/v1/events', page(form)));
    }],
    ['GET', /^\/v1\/events\/([^/]+)$/, one(['expand'], (id) => {
      const event = webhooks.events.find((e) => e.id === id);
      if (!event) throw missing('event', id);
      return event;
    })],
  ];
};

/** `/_emulator/*`: look at what happened, deliver events again or out of order, settle refunds, inject faults. */
export const toolRoutes = ({ intents, refunds, webhooks }: Stores, failNext: (count: number, status: number) => void): Route[] => [
  ['GET', /^\/_emulator\/events$/, () => ({ data: webhooks.events, attempts: webhooks.attempts, chaosInjected: webhooks.chaosInjected })],
  ['GET', /^\/_emulator\/payment_intents$/, () => ({ data: [...intents.all.values()] })],
  ['POST', /^\/_emulator\/events\/([^/]+)\/deliver$/, (m) => (webhooks.deliver([m[1] ?? '']), { delivered: [m[1]] })],
  ['POST', /^\/_emulator\/deliver$/, (_m, form) => {
    const ids = list(form, 'ids');
    webhooks.deliver(ids);
    return { delivered: ids };
  }],
  ['POST', /^\/_emulator\/pause$/, () => (webhooks.pause(), { paused: true })],
  ['POST', /^\/_emulator\/resume$/, (_m, form) => (webhooks.resume({ discard: form.discard === 'true' }), { paused: false })],
  ['POST', /^\/_emulator\/refunds\/settle$/, () => ({ settled: refunds.settleAll() })],
  ['POST', /^\/_emulator\/fail_next$/, (_m, form) => {
    const [count, status] = [Number(str(form, 'count') ?? 1), Number(str(form, 'status') ?? 500)];
    failNext(count, status);
    return { failing: count, status };
  }],
];
