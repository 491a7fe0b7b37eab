import { describe, expect, it } from 'vitest';
import type { Locale } from '#kernel/customer';
import type { EmailDefinition } from '#notifications/app/email-definition';
import type { EmailContext } from '#notifications/app/ports';
import { downloadsReady } from '#notifications/app/emails/downloads-ready';
import { orderConfirmation } from '#notifications/app/emails/order-confirmation';
import { orderDelivered } from '#notifications/app/emails/order-delivered';
import { orderShipped } from '#notifications/app/emails/order-shipped';
import { stockLow } from '#notifications/app/emails/stock-low';
import { renderEmail } from '#notifications/domain/email';
import { aContext, aMixedOrder, anEbookOrder, aPaidOrder, aShipment, digitalGoodsDelivered, orderDelivered as delivered, orderPaid, orderShipped as shipped, stockLow as lowStock } from './fixtures';

/** The email as the customer (or the shop) gets it. */
const render = async (email: EmailDefinition, data: unknown, context: EmailContext = aContext()) => {
  const { to, locale } = email.recipient(data, context);
  return { to, locale, ...renderEmail(await email.compose(data, locale, context), locale) };
};

describe('the order confirmation', () => {
  it('tells a French customer, in French, the invoice number, the link to its PDF, the lines and the totals', async () => {
    const mail = await render(orderConfirmation, orderPaid(aPaidOrder('order-000001', 'fr')));
    expect(mail.to).toBe('camille@example.fr');
    expect(mail.subject).toBe('Confirmation de votre commande n° 2026-000001');
    expect(mail.text).toContain('Bonjour Camille Martin,');
    expect(mail.text).toContain('Votre facture porte le numéro F2026-000042.');
    expect(mail.text).toContain('Télécharger votre facture (PDF): https://api.atelier.example/orders/order-000001/invoice.pdf?token=tok-order-000001');
    expect(mail.text).toMatch(/2 × Mug +24,00 €/);
    expect(mail.text).toMatch(/Livraison +Offerte/);
    expect(mail.text).toMatch(/Total +24,00 €\nDont TVA +4,00 €/);
    expect(mail.text).toContain('Nous vous écrirons dès que votre colis partira.');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('<a href="https://api.atelier.example/orders/order-000001/invoice.pdf?token=tok-order-000001">Télécharger votre facture (PDF)</a>');
    expect(mail.html).toContain('<strong>24,00 €</strong>');
  });

  it('tells an English customer the same in English', async () => {
    const mail = await render(orderConfirmation, orderPaid(aPaidOrder('order-000002', 'en')));
    expect(mail.subject).toBe('Your order 2026-000002 is confirmed');
    expect(mail.text).toContain('Hello Camille Martin,');
    expect(mail.text).toContain('Your invoice number is F2026-000042.');
    expect(mail.text).toContain('Download your invoice (PDF): https://api.atelier.example/orders/order-000002/invoice.pdf');
    expect(mail.text).toMatch(/2 × Mug +€24.00/);
    expect(mail.text).toMatch(/Including VAT +€4.00/);
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).not.toMatch(/Bonjour|facture/);
  });

  it('carries no invoice link when the settings name no API URL, and says "VAT" when prices exclude it', async () => {
    const order = aPaidOrder('order-000003', 'en', { pricesIncludeTax: false });
    const mail = await render(orderConfirmation, orderPaid(order), aContext({ invoiceUrl: async () => undefined }));
    expect(mail.text).toContain('F2026-000042');
    expect(mail.text).not.toContain('Download your invoice');
    expect(mail.html).not.toContain('<a ');
    expect(mail.text).toMatch(/\nVAT +€4.00/);
  });

  it('escapes in its HTML what customers typed and products are named, and keeps it as typed in the text', async () => {
    const order = aPaidOrder('order-000004', 'fr');
    order.customer.shippingAddress = { ...order.customer.shippingAddress!, name: '<script>alert("x")</script>' };
    order.items = order.items.map((line) => ({ ...line, name: 'Mug <img src=x onerror=alert(1)> & co' }));
    const mail = await render(orderConfirmation, orderPaid(order));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    expect(mail.html).toContain('2 × Mug &lt;img src=x onerror=alert(1)&gt; &amp; co');
    expect(mail.text).toContain('Bonjour <script>alert("x")</script>,');
  });
});

describe('the order confirmation confirms the contract on a durable medium (Code de la consommation L221-13)', () => {
  it('in French: the version of the terms accepted and when, the 14-day withdrawal right, how to exercise it, and the model form addressed to the shop', async () => {
    const mail = await render(orderConfirmation, orderPaid(aPaidOrder('order-000011', 'fr')));
    expect(mail.text).toContain('Vous avez accepté nos conditions générales de vente, version 2026-01, le 24 novembre 2026 à 11:00.');
    expect(mail.text).toContain("Vous disposez d'un droit de rétractation de 14 jours, sans avoir à vous justifier.");
    expect(mail.text).toContain('recevez le dernier article de la commande');
    expect(mail.text).toContain('demandez un retour depuis votre commande (motif « rétractation »), ou écrivez-nous à shop@atelier.example');
    expect(mail.text).toContain('Modèle de formulaire de rétractation');
    expect(mail.text).toContain("À l'attention de Atelier Lumière, 3 quai des Chartrons, Service retours, 33000 Bordeaux, France, shop@atelier.example :");
    expect(mail.text).toContain('(commande n° 2026-000011)');
    expect(mail.html).toContain('Modèle de formulaire de rétractation<br>');
    // Nothing digital: nothing waived.
    expect(mail.text).not.toContain('L221-28');
  });

  it('in English: the same', async () => {
    const mail = await render(orderConfirmation, orderPaid(aPaidOrder('order-000012', 'en')));
    expect(mail.text).toContain('You accepted our terms of sale, version 2026-01, on 24 November 2026 at 11:00.');
    expect(mail.text).toContain('You have the right to withdraw from this contract within 14 days, without giving any reason.');
    expect(mail.text).toContain('ask for a return from your order (reason "withdrawal"), or write to us at shop@atelier.example');
    expect(mail.text).toContain('Model withdrawal form');
    expect(mail.text).toContain('To Atelier Lumière, 3 quai des Chartrons, Service retours, 33000 Bordeaux, France, shop@atelier.example:');
    expect(mail.text).not.toMatch(/rétractation|Bonjour/);
  });

  it('for digital content: the consent to immediate supply and the loss of the withdrawal right, when given; the right kept for the delivered items', async () => {
    const fr = await render(orderConfirmation, orderPaid(aMixedOrder('order-000013', 'fr')));
    expect(fr.text).toContain(
      'Le 24 novembre 2026 à 11:00, vous avez expressément demandé que vos contenus numériques (Les Misérables (ebook)) vous soient fournis immédiatement, avant la fin du délai de rétractation, et reconnu perdre ainsi votre droit de rétractation pour eux (article L221-28, 13° du Code de la consommation).',
    );
    expect(fr.text).toContain("Vous disposez d'un droit de rétractation de 14 jours pour les articles livrés");
    const en = await render(orderConfirmation, orderPaid(aMixedOrder('order-000014', 'en')));
    expect(en.text).toContain('On 24 November 2026 at 11:00, you expressly asked for your digital content (Les Misérables (ebook)) to be supplied at once');
    expect(en.text).toContain('acknowledged that you thereby lose your right of withdrawal for it');
    expect(en.text).toContain('within 14 days for the delivered items');
  });

  it('for digital content only: the waiver, and no withdrawal right nor form', async () => {
    const mail = await render(orderConfirmation, orderPaid(anEbookOrder('order-000015', 'fr')));
    expect(mail.text).toContain('vous avez expressément demandé que vos contenus numériques (Les Misérables (ebook)) vous soient fournis immédiatement');
    expect(mail.text).toContain('version 2026-01');
    expect(mail.text).not.toContain('Vous disposez');
    expect(mail.text).not.toContain('formulaire');
  });

  it('says as much in every language: the same blocks, each its own words', async () => {
    for (const order of [aPaidOrder, aMixedOrder, anEbookOrder]) {
      const [fr, en] = await Promise.all((['fr', 'en'] as const).map((locale) => orderConfirmation.compose(orderPaid(order('order-000016', locale)), locale, aContext())));
      expect(fr!.blocks.map((b) => b.kind)).toEqual(en!.blocks.map((b) => b.kind));
      expect(fr!.blocks.filter((b, i) => b.kind === 'paragraph' && JSON.stringify(b) === JSON.stringify(en!.blocks[i]))).toEqual([]);
    }
  });
});

describe('the shipping email', () => {
  it('gives, in French, the carrier, the tracking number and link, and what the parcel holds', async () => {
    const mail = await render(orderShipped, shipped(aPaidOrder('order-000005', 'fr')));
    expect(mail.to).toBe('camille@example.fr');
    expect(mail.subject).toBe('Votre commande n° 2026-000005 est en route');
    expect(mail.text).toContain('a été confié à Colissimo le 25 novembre 2026');
    expect(mail.text).toContain('- 2 × Mug');
    expect(mail.text).toMatch(/N° de suivi +6A12345678901/);
    expect(mail.text).toContain('Suivre votre colis: https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901');
    expect(mail.html).toContain('<a href="https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901">Suivre votre colis</a>');
    expect(mail.text).not.toContain('Le reste de votre commande');
  });

  it('says so in English, and that more is to come for a partial shipment', async () => {
    const data = shipped(aPaidOrder('order-000006', 'en'), aShipment({ carrier: 'mondial-relay', items: [{ sku: 'PAID-1', quantity: 1 }] }));
    const mail = await render(orderShipped, { ...data, order: { ...data.order, status: 'partially_shipped' } });
    expect(mail.subject).toBe('Your order 2026-000006 is on its way');
    expect(mail.text).toContain('was handed to Mondial Relay on 25 November 2026');
    expect(mail.text).toContain('- 1 × Mug');
    expect(mail.text).toMatch(/Tracking number +6A12345678901/);
    expect(mail.text).toContain('The rest of your order will follow in another parcel.');
  });

  it('never turns a tracking link that is not a web address into a clickable one', async () => {
    const mail = await render(orderShipped, shipped(aPaidOrder('order-000007', 'en'), aShipment({ trackingUrl: 'javascript:alert(1)' })));
    expect(mail.html).not.toContain('href="javascript');
    expect(mail.html).toContain('Track your parcel: javascript:alert(1)');
  });
});

describe('the delivery email', () => {
  it.each<[Locale, string, string]>([
    ['fr', 'Votre commande n° 2026-000008 a été livrée', 'a été livré le 27 novembre 2026'],
    ['en', 'Your order 2026-000008 has been delivered', 'was delivered on 27 November 2026'],
  ])('tells the customer (%s) which parcel arrived, when, and that the order is complete', async (locale, subject, when) => {
    const mail = await render(orderDelivered, delivered(aPaidOrder('order-000008', locale)));
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(when);
    expect(mail.text).toContain('6A12345678901');
    expect(mail.text).toContain(locale === 'fr' ? 'Toute votre commande est maintenant livrée.' : 'Your whole order has now been delivered.');
  });

  it('says the whole order is there when its last parcel arrives after a refund (its status stays refunded)', async () => {
    const event = delivered(aPaidOrder('order-000018', 'en'));
    const mail = await render(orderDelivered, { ...event, order: { ...event.order, status: 'refunded' } });
    expect(mail.text).toContain('Your whole order has now been delivered.');
  });

  it('says more parcels are on their way while the order has no delivery date', async () => {
    const event = delivered(aPaidOrder('order-000019', 'en'));
    const { deliveredAt: _, ...onTheWay } = event.order;
    const mail = await render(orderDelivered, { ...event, order: { ...onTheWay, status: 'partially_shipped' } });
    expect(mail.text).toContain('More parcels of your order are still on their way.');
  });
});

describe('the downloads email', () => {
  it('gives a fresh link per digital product, named, and until when it works (French)', async () => {
    const mail = await render(downloadsReady, digitalGoodsDelivered('order-000009', 'fr'));
    expect(mail.subject).toBe('Vos téléchargements de la commande n° 2026-000009');
    expect(mail.text).toContain('Les Misérables (ebook): https://downloads.atelier.example/order-000009/EBOOK-MISERABLES?sig=abc&exp=1');
    expect(mail.html).toContain('<a href="https://downloads.atelier.example/order-000009/EBOOK-MISERABLES?sig=abc&amp;exp=1">Les Misérables (ebook)</a>');
    expect(mail.text).toContain("Ces liens fonctionnent jusqu'au 25 novembre 2026 à 11:06.");
    // Nothing to ship: no shipping line, no "free shipping".
    expect(mail.text).not.toContain('Livraison');
  });

  it('says the same in English', async () => {
    const mail = await render(downloadsReady, digitalGoodsDelivered('order-000010', 'en'));
    expect(mail.subject).toBe('Your downloads from order 2026-000010');
    expect(mail.text).toContain('These links work until 25 November 2026 at 11:06.');
  });

  it('confirms, as the content is supplied, the consent to immediate supply that waived the withdrawal right, and the terms accepted', async () => {
    const fr = await render(downloadsReady, digitalGoodsDelivered('order-000017', 'fr'));
    expect(fr.text).toContain('Le 24 novembre 2026 à 11:00, vous avez expressément demandé que vos contenus numériques (Les Misérables (ebook)) vous soient fournis immédiatement');
    expect(fr.text).toContain('reconnu perdre ainsi votre droit de rétractation pour eux');
    expect(fr.text).toContain('Vous avez accepté nos conditions générales de vente, version 2026-01, le 24 novembre 2026 à 11:00.');
    const en = await render(downloadsReady, digitalGoodsDelivered('order-000018', 'en'));
    expect(en.text).toContain('On 24 November 2026 at 11:00, you expressly asked for your digital content (Les Misérables (ebook)) to be supplied at once');
    expect(en.text).toContain('You accepted our terms of sale, version 2026-01, on 24 November 2026 at 11:00.');
  });
});

describe('the low-stock alert', () => {
  it("goes to the shop's address, in French, with the product, what is left and the reorder point", async () => {
    const mail = await render(stockLow, lowStock());
    expect(mail.to).toBe('shop@atelier.example');
    expect(mail.locale).toBe('fr');
    expect(mail.subject).toBe('Stock bas : Casque Bluetooth (HEADPHONES-BT), 2 restant(s)');
    expect(mail.text).toMatch(/Disponible +2/);
    expect(mail.text).toMatch(/Seuil de réapprovisionnement +3/);
    expect(mail.text).toContain('POST /admin/products/HEADPHONES-BT/stock');
  });

  it('reads in English too', () => {
    const content = stockLow.compose(lowStock({ available: 0 }), 'en', aContext());
    expect(content).toMatchObject({ subject: 'Low stock: Casque Bluetooth (HEADPHONES-BT), 0 left', heading: 'Low stock' });
  });
});
