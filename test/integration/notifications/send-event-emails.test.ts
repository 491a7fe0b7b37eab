import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderPaid } from '#ordering/contracts/events';
import { createSentEmails } from '#notifications/adapters/sent-emails';
import { defineEmail } from '#notifications/app/email-definition';
import { createLinks } from '#notifications/adapters/links';
import { orderConfirmation } from '#notifications/app/emails/order-confirmation';
import { orderShipped as orderShippedEmail } from '#notifications/app/emails/order-shipped';
import type { Email, Mailer, NotificationDeps, SentEmails } from '#notifications/app/ports';
import { EmailBeingSent, LEASE_SECONDS, sendEventEmails } from '#notifications/app/send-event-emails';
import { createOrderTokens, orderTokenCheckOnFirstUse } from '#ordering/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { signingKey } from '#runtime/signing';
import { freshTables } from '../../support/dynamo';
import { aPaidOrder, orderPaid, orderShipped } from '../../unit/notifications/fixtures';

/** A mailer that keeps what it sent, can fail for one template, and can hold a send until released. */
const aMailer = () => {
  const sent: Email[] = [];
  const state = { failing: undefined as string | undefined, hold: undefined as Promise<void> | undefined };
  const mailer: Mailer = {
    async send(email) {
      if (state.hold) await state.hold;
      if (email.template === state.failing) throw new Error(`SES refused ${email.template}`);
      sent.push(email);
    },
  };
  return { mailer, sent, state };
};

/** A second email of the same fact, so one event can have one email fail and the other go. */
const paidCopyToShop = defineEmail<typeof OrderPaid>({
  template: 'test-order-paid-shop',
  recipient: (_data, context) => ({ to: context.shopEmail, locale: 'fr' }),
  compose: ({ order }) => ({ subject: `Commande ${order.number} payée`, heading: 'Payée', blocks: [] }),
});

let db: DocumentClient;
let table: string;
let sentEmails: SentEmails;

beforeAll(async () => {
  const fresh = await freshTables();
  db = fresh.db;
  table = fresh.names.domain;
  sentEmails = createSentEmails(db, table);
});

const setup = () => {
  const clock = { now: new Date('2026-11-24T10:06:00.000Z') };
  const { mailer, sent, state } = aMailer();
  const deps: NotificationDeps = {
    mailer,
    sentEmails,
    settings: async () => ({ sender: { from: 'boutique@atelier.example' }, shopEmail: 'shop@atelier.example', apiUrl: 'https://api.atelier.example' }),
    links: {
      invoicePdf: async (apiUrl, orderId) => `${apiUrl}/orders/${orderId}/invoice.pdf?token=t`,
      creditNotePdf: async (apiUrl, orderId, number) => `${apiUrl}/orders/${orderId}/credit-notes/${number}.pdf?token=t`,
      downloads: async () => [],
    },
    clock: () => clock.now,
    ids: () => randomUUID(),
    warn: () => undefined,
  };
  const advance = (seconds: number) => (clock.now = new Date(clock.now.getTime() + seconds * 1000));
  return { deps, sent, state, advance };
};

const paidEvent = () => ({ eventId: `evt-${randomUUID()}`, data: orderPaid(aPaidOrder(`order-${randomUUID().slice(0, 6)}`)) });

describe('each email once per fact, on DynamoDB Local', () => {
  it('sends one email for an event delivered twice, and none when it is replayed a month later', async () => {
    const { deps, sent, advance } = setup();
    const event = paidEvent();
    await sendEventEmails(deps, [orderConfirmation], event);
    await sendEventEmails(deps, [orderConfirmation], event);
    advance(30 * 24 * 3600);
    await sendEventEmails(deps, [orderConfirmation], event);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'camille@example.fr', template: 'order-confirmation', eventId: event.eventId });
    expect(sent[0]!.text).toContain('F2026-000042');
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: { PK: `EMAIL#${event.eventId}#order-confirmation`, SK: 'EMAIL' } }));
    expect(Item).toMatchObject({ state: 'sent', sentAt: '2026-11-24T10:06:00.000Z' });
    // Kept longer than the bus archive keeps events to replay (365 days).
    expect(Item!.expiresAt).toBeGreaterThan(new Date('2026-11-24T10:06:00Z').getTime() / 1000 + 365 * 24 * 3600);
  });

  it('sends one email when two copies of the event run at once; the other is retried and sends nothing', async () => {
    const { deps, sent, state } = setup();
    const event = paidEvent();
    let release = () => undefined as void;
    state.hold = new Promise<void>((resolve) => (release = resolve));
    const first = sendEventEmails(deps, [orderConfirmation], event);
    await new Promise((r) => setTimeout(r, 50)); // the first copy holds the lease and waits on SES
    await expect(sendEventEmails(deps, [orderConfirmation], event)).rejects.toBeInstanceOf(EmailBeingSent);
    state.hold = undefined;
    release();
    await first;
    await sendEventEmails(deps, [orderConfirmation], event); // the queue's retry of the second copy
    expect(sent).toHaveLength(1);
  });

  it('when one email of an event fails, sends the others, fails the event, and on retry sends only the failed one', async () => {
    const { deps, sent, state } = setup();
    const event = paidEvent();
    state.failing = 'order-confirmation';
    await expect(sendEventEmails(deps, [orderConfirmation, paidCopyToShop], event)).rejects.toThrow('SES refused order-confirmation');
    expect(sent.map((e) => e.template)).toEqual(['test-order-paid-shop']);
    state.failing = undefined;
    await sendEventEmails(deps, [orderConfirmation, paidCopyToShop], event);
    await sendEventEmails(deps, [orderConfirmation, paidCopyToShop], event);
    expect(sent.map((e) => `${e.template} → ${e.to}`)).toEqual(['test-order-paid-shop → shop@atelier.example', 'order-confirmation → camille@example.fr']);
  });

  it('sends the email of a copy that died holding the lease, once the lease ran out, and only then', async () => {
    const { deps, sent, advance } = setup();
    const event = paidEvent();
    const key = { eventId: event.eventId, template: 'order-confirmation' };
    const now = deps.clock();
    expect(await sentEmails.lease(key, { id: 'crashed-copy', until: new Date(now.getTime() + LEASE_SECONDS * 1000) }, now)).toBe('leased');
    await expect(sendEventEmails(deps, [orderConfirmation], event)).rejects.toBeInstanceOf(EmailBeingSent);
    advance(LEASE_SECONDS + 1);
    await sendEventEmails(deps, [orderConfirmation], event);
    expect(sent).toHaveLength(1);
    // The dead copy's late release leaves the email recorded as sent.
    await sentEmails.release(key, 'crashed-copy');
    expect(await sentEmails.lease(key, { id: 'another', until: new Date(deps.clock().getTime() + 60_000) }, deps.clock())).toBe('sent');
  });

  it('gives the lease back when SES fails, so the very next retry sends', async () => {
    const { deps, sent, state } = setup();
    const event = paidEvent();
    state.failing = 'order-confirmation';
    await expect(sendEventEmails(deps, [orderConfirmation], event)).rejects.toThrow('SES refused');
    state.failing = undefined;
    await sendEventEmails(deps, [orderConfirmation], event);
    expect(sent).toHaveLength(1);
  });

  it('treats a record past its expiresAt as gone (DynamoDB TTL deletes late)', async () => {
    const { deps, sent, advance } = setup();
    const event = paidEvent();
    await sendEventEmails(deps, [orderConfirmation], event);
    advance(401 * 24 * 3600);
    await sendEventEmails(deps, [orderConfirmation], event);
    expect(sent).toHaveLength(2);
  });
});

describe('the signing key, read by the first email that carries a link (from Secrets Manager in AWS)', () => {
  it('is not asked for by a shipped parcel\'s email, and is by the confirmation, whose invoice link its token opens', async () => {
    const { deps, sent } = setup();
    const key = signingKey('a-signing-secret-of-32-characters');
    let asked = 0;
    const links = createLinks(async () => (asked++, createOrderTokens(key)), async () => { throw new Error('no downloads here'); });
    const order = aPaidOrder(`order-${randomUUID().slice(0, 6)}`);
    await sendEventEmails({ ...deps, links }, [orderShippedEmail], { eventId: `evt-${randomUUID()}`, data: orderShipped(order) });
    expect({ asked, sent: sent.map((email) => email.template) }).toEqual({ asked: 0, sent: ['order-shipped'] });
    await sendEventEmails({ ...deps, links }, [orderConfirmation], { eventId: `evt-${randomUUID()}`, data: orderPaid(order) });
    expect(asked).toBe(1);
    const token = /invoice\.pdf\?token=([^"\s<]+)/.exec(sent[1]!.text)?.[1];
    expect(await orderTokenCheckOnFirstUse(async () => key).matches(order.id, decodeURIComponent(token ?? ''))).toBe(true);
  });
});
