import { describe, expect, it } from 'vitest';
import type { Locale } from '#kernel/customer';
import type { EmailDefinition } from '#notifications/app/email-definition';
import type { EmailContext } from '#notifications/app/ports';
import { refundFailed } from '#notifications/app/emails/refund-failed';
import { refundIssued } from '#notifications/app/emails/refund-issued';
import { refundOverdue } from '#notifications/app/emails/refund-overdue';
import { returnInstructions } from '#notifications/app/emails/return-instructions';
import { returnReceived } from '#notifications/app/emails/return-received';
import { returnRejected } from '#notifications/app/emails/return-rejected';
import { returnRequested } from '#notifications/app/emails/return-requested';
import { renderEmail } from '#notifications/domain/email';
import * as facts from './after-sales-fixtures';
import { aContext } from './fixtures';

const { aDeliveredOrder, aPartlyRefundedOrder, aRefund, aReturn } = facts;

/** The email as the customer (or the shop) gets it. */
const render = async (email: EmailDefinition, data: unknown, context: EmailContext = aContext()) => {
  const { to, locale } = email.recipient(data, context);
  return { to, locale, ...renderEmail(await email.compose(data, locale, context), locale) };
};

describe('the return instructions', () => {
  it('tell a French customer what to send back, the return number for the parcel, where to, and the refund deadline of a withdrawal', async () => {
    const mail = await render(returnInstructions, facts.returnApproved(aDeliveredOrder('order-000101', 'fr')));
    expect(mail.to).toBe('camille@example.fr');
    expect(mail.subject).toBe('Votre retour pour la commande n° 2026-000101 est accepté');
    expect(mail.text).toContain('Bonjour Camille Martin,');
    expect(mail.text).toContain('- 1 × Mug (rétractation)');
    expect(mail.text).toMatch(/N° de retour +ret-7Q2M/);
    expect(mail.text).toContain('Inscrivez le numéro de retour ret-7Q2M sur le colis');
    expect(mail.text).toContain('Atelier Lumière\n3 quai des Chartrons\nService retours\n33000 Bordeaux\nFrance');
    expect(mail.text).toContain('remboursée au plus tard le 15 décembre 2026');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('<p>Atelier Lumière<br>3 quai des Chartrons<br>Service retours<br>33000 Bordeaux<br>France</p>');
    expect(mail.html).toContain('<strong>ret-7Q2M</strong>');
  });

  it('say the same in English, with the country in English', async () => {
    const mail = await render(returnInstructions, facts.returnApproved(aDeliveredOrder('order-000102', 'en')));
    expect(mail.subject).toBe('Your return for order 2026-000102 is approved');
    expect(mail.text).toContain('- 1 × Mug (withdrawal)');
    expect(mail.text).toMatch(/Return number +ret-7Q2M/);
    expect(mail.text).toContain('33000 Bordeaux\nFrance');
    expect(mail.text).toContain('refunded by 15 December 2026 at the latest');
    expect(mail.text).not.toMatch(/Bonjour|rétractation/);
  });

  it('promise no legal deadline for a defective item, and ask the customer to reply when no seller address is set', async () => {
    const data = facts.returnApproved(aDeliveredOrder('order-000103', 'en'), aReturn({ items: [{ sku: 'PAID-1', quantity: 2, reason: 'defective' }], refundDueBy: undefined }));
    const mail = await render(returnInstructions, data, aContext({ shopAddress: undefined }));
    expect(mail.text).toContain('- 2 × Mug (defective)');
    expect(mail.text).toContain('We will refund you as soon as the items arrive.');
    expect(mail.text).not.toContain('at the latest');
    expect(mail.text).toContain('Reply to this email and we will send you the address');
    expect(mail.text).not.toContain('Bordeaux');
  });

  it('escape in the HTML a product name and the address as typed', async () => {
    const order = aDeliveredOrder('order-000104', 'fr');
    order.items = order.items.map((line) => ({ ...line, name: 'Mug <img src=x onerror=alert(1)>' }));
    const context = aContext({ shopAddress: { name: 'Atelier "<b>"', line1: '1 rue & co', postalCode: '75001', city: 'Paris', country: 'FR' } });
    const mail = await render(returnInstructions, facts.returnApproved(order), context);
    expect(mail.html).not.toMatch(/<img|<b>/);
    expect(mail.html).toContain('1 × Mug &lt;img src=x onerror=alert(1)&gt; (rétractation)');
    expect(mail.html).toContain('Atelier &quot;&lt;b&gt;&quot;<br>1 rue &amp; co<br>75001 Paris<br>France');
  });
});

describe('the return rejection', () => {
  it.each<[Locale, string, string]>([
    ['fr', 'Votre demande de retour pour la commande n° 2026-000105', 'Motif :\nLe produit a été utilisé.'],
    ['en', 'Your return request for order 2026-000105', 'Reason:\nLe produit a été utilisé.'],
  ])('tells the customer (%s) which return was refused and why, in the shop’s words', async (locale, subject, why) => {
    const mail = await render(returnRejected, facts.returnRejected(aDeliveredOrder('order-000105', locale)));
    expect(mail.to).toBe('camille@example.fr');
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain('ret-7Q2M');
    expect(mail.text).toContain(why);
  });

  it('escapes a reason typed by the shop in the HTML', async () => {
    const data = facts.returnRejected(aDeliveredOrder('order-000106', 'en'), aReturn({ status: 'rejected', rejectionReason: 'Used <script>x</script>' }));
    const mail = await render(returnRejected, data);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Reason:<br>Used &lt;script&gt;x&lt;/script&gt;');
  });

  it('says no reason was given rather than leaving a blank', async () => {
    const mail = await render(returnRejected, facts.returnRejected(aDeliveredOrder('order-000107', 'en'), aReturn({ status: 'rejected', rejectionReason: undefined })));
    expect(mail.text).toContain('No reason was given.');
  });
});

describe('the return acknowledgement and receipt', () => {
  it('acknowledges a request and tells the customer to wait for the instructions', async () => {
    const mail = await render(returnRequested, facts.returnRequested(aDeliveredOrder('order-000108', 'fr')));
    expect(mail.subject).toBe('Votre demande de retour pour la commande n° 2026-000108');
    expect(mail.text).toContain('Votre demande de retour ret-7Q2M pour la commande n° 2026-000108 est enregistrée.');
    expect(mail.text).toContain("N'envoyez rien pour l'instant");
  });

  it('says what arrived, damaged units included, and that units not received are not refunded', async () => {
    const ret = aReturn({ status: 'received', items: [{ sku: 'PAID-1', quantity: 2, reason: 'withdrawal' }], received: [{ sku: 'PAID-1', received: 1, damaged: 1 }] });
    const mail = await render(returnReceived, facts.returnReceived(aDeliveredOrder('order-000109', 'en'), ret));
    expect(mail.subject).toBe('We have received your return for order 2026-000109');
    expect(mail.text).toContain('- 1 × Mug (1 of them damaged)');
    expect(mail.text).toContain('only those we received are refunded');
    expect(mail.text).toContain('Your refund is under way');
  });

  it('says no refund follows when the order was refunded in full before the goods came back', async () => {
    const ret = aReturn({ status: 'refunded', items: [{ sku: 'PAID-1', quantity: 2, reason: 'withdrawal' }], received: [{ sku: 'PAID-1', received: 1, damaged: 0 }] });
    const mail = await render(returnReceived, facts.returnReceived(aDeliveredOrder('order-000118', 'en'), ret));
    expect(mail.text).toContain('- 1 × Mug\n');
    expect(mail.text).toContain('Your order was already refunded in full: no further refund will follow.');
    expect(mail.text).not.toContain('Your refund is under way');
    expect(mail.text).not.toContain('only those we received are refunded');
  });

  it('says nothing is missing when everything came back', async () => {
    const mail = await render(returnReceived, facts.returnReceived(aDeliveredOrder('order-000110', 'fr')));
    expect(mail.text).toContain('- 1 × Mug\n');
    expect(mail.text).not.toContain('ne sont pas dans le colis');
  });
});

describe('the refund email', () => {
  it('tells a French customer the amount, the credit note number and the link to its PDF', async () => {
    const mail = await render(refundIssued, facts.refundIssued(aPartlyRefundedOrder('order-000111', 'fr')));
    expect(mail.to).toBe('camille@example.fr');
    expect(mail.subject).toBe('Remboursement de votre commande n° 2026-000111');
    expect(mail.text).toContain('Nous vous avons remboursé 12,00 € sur votre commande n° 2026-000111');
    expect(mail.text).toMatch(/Montant remboursé +12,00 €/);
    expect(mail.text).toMatch(/N° de la facture d'avoir +A2026-000007/);
    const url = 'https://api.atelier.example/orders/order-000111/credit-notes/A2026-000007.pdf?token=tok-order-000111';
    expect(mail.text).toContain(`Télécharger votre facture d'avoir (PDF): ${url}`);
    expect(mail.html).toContain(`<a href="${url}">Télécharger votre facture d&#39;avoir (PDF)</a>`);
    expect(mail.text).toContain('Ce remboursement concerne votre retour ret-7Q2M.');
    expect(mail.text).not.toContain('entièrement remboursée');
  });

  it('says in English that the order is now fully refunded', async () => {
    const mail = await render(refundIssued, facts.refundIssued(aDeliveredOrder('order-000112', 'en', { status: 'refunded' }), aRefund({ amount: { amount: 2400, currency: 'EUR' } })));
    expect(mail.subject).toBe('Refund for your order 2026-000112');
    expect(mail.text).toMatch(/Amount refunded +€24.00/);
    expect(mail.text).toMatch(/Credit note number +A2026-000007/);
    expect(mail.text).toContain('Your order is now fully refunded.');
  });

  it('carries no link without an API URL, and no credit note for an order never invoiced', async () => {
    const linkless = await render(refundIssued, facts.refundIssued(aPartlyRefundedOrder('order-000113', 'en')), aContext({ creditNoteUrl: async () => undefined }));
    expect(linkless.text).toContain('A2026-000007');
    expect(linkless.html).not.toContain('<a ');
    const goodwill = aRefund({ creditNoteNumber: undefined, returnId: undefined, reason: 'internal note: customer was rude' });
    const uninvoiced = await render(refundIssued, facts.refundIssued(aPartlyRefundedOrder('order-000114', 'en', { invoiceNumber: null }), goodwill));
    expect(uninvoiced.text).not.toMatch(/Credit note|credit-notes|your return/);
    // The refund's reason is the shop's own note.
    expect(uninvoiced.text).not.toContain('rude');
  });
});

describe('the shop’s after-sales alerts', () => {
  it("tell the shop, in French, which order and return are overdue, since when, and that L242-4's penalties grow", async () => {
    const mail = await render(refundOverdue, facts.refundOverdue(aDeliveredOrder('order-000115', 'en')));
    expect(mail.to).toBe('shop@atelier.example');
    expect(mail.locale).toBe('fr');
    expect(mail.subject).toBe('Remboursement en retard : commande n° 2026-000115, retour ret-7Q2M');
    expect(mail.text).toContain('devait être remboursée au plus tard le 15 décembre 2026');
    expect(mail.text).toMatch(/Identifiant de commande +order-000115/);
    expect(mail.text).toMatch(/Échéance +15 décembre 2026 à 10:00/);
    expect(mail.text).toContain('- 1 × Mug (rétractation)');
    expect(mail.text).toContain('L242-4');
    expect(mail.text).toContain('POST /admin/returns/ret-7Q2M/receive');
    expect(mail.text).toContain('POST /admin/orders/order-000115/refunds');
  });

  it('reads in English too', async () => {
    const content = await refundOverdue.compose(facts.refundOverdue(aDeliveredOrder('order-000116')), 'en', aContext());
    expect(content).toMatchObject({ subject: 'Refund overdue: order 2026-000116, return ret-7Q2M', heading: 'Refund overdue' });
  });

  it("tell the shop a refund failed, Stripe's reason, and that the amount is refundable again", async () => {
    const mail = await render(refundFailed, facts.refundFailed(aPartlyRefundedOrder('order-000117', 'en')));
    expect(mail.to).toBe('shop@atelier.example');
    expect(mail.subject).toBe('Remboursement échoué : commande n° 2026-000117, 12,00 €');
    expect(mail.text).toMatch(/Motif donné par Stripe +expired_or_canceled_card/);
    expect(mail.text).toContain('Ce montant est de nouveau remboursable.');
  });
});
