import { describe, expect, it } from 'vitest';
import { mailerOnFirstUse } from '#notifications/adapters/mailer-on-first-use';
import type { Mailer } from '#notifications/app/ports';

type Message = Parameters<Mailer['send']>[0];
const message: Message = { to: 'camille@example.fr', subject: 'Votre commande', text: 't', html: '<p>t</p>', template: 'order-confirmation', eventId: 'e1' };
const sender = { from: 'shop@example.com' } as Parameters<Mailer['send']>[1];

describe('mailerOnFirstUse', () => {
  it('loads nothing until an event prepares it, then once, however many events and emails follow', async () => {
    const sent: string[] = [];
    let loads = 0;
    const mailer = mailerOnFirstUse(async () => {
      loads += 1;
      return { send: async (m) => void sent.push(m.to) };
    });
    expect(loads).toBe(0);
    mailer.prepare();
    mailer.prepare();
    await mailer.send(message, sender);
    await mailer.send({ ...message, to: 'dominique@example.fr' }, sender);
    expect({ loads, sent }).toEqual({ loads: 1, sent: ['camille@example.fr', 'dominique@example.fr'] });
  });

  it('a load that failed fails the send that needed it, and the next send loads again', async () => {
    let loads = 0;
    const mailer = mailerOnFirstUse(async () => {
      loads += 1;
      if (loads === 1) throw new Error('chunk not found');
      return { send: async () => undefined };
    });
    mailer.prepare();
    await expect(mailer.send(message, sender)).rejects.toThrow('chunk not found');
    await expect(mailer.send(message, sender)).resolves.toBeUndefined();
    expect(loads).toBe(2);
  });
});
