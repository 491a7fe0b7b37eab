import type { DigitalGoodsDelivered } from '#fulfillment/contracts/events';
import type { Locale } from '#kernel/customer';
import { digitalWaiver, termsAccepted } from '../../domain/contract-confirmation';
import type { Block } from '../../domain/email';
import { formatDateTime } from '../../domain/format';
import { greeting } from '../../domain/greeting';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string) => `Vos téléchargements de la commande n° ${number}`,
    heading: 'Vos fichiers sont prêts',
    ready: (number: string) => `Les produits numériques de votre commande n° ${number} sont prêts à télécharger.`,
    until: (date: string) => `Ces liens fonctionnent jusqu'au ${date}. Ensuite, des liens neufs vous attendent sur votre commande.`,
    none: 'Retrouvez vos téléchargements sur votre commande.',
  },
  en: {
    subject: (number: string) => `Your downloads from order ${number}`,
    heading: 'Your files are ready',
    ready: (number: string) => `The digital products of your order ${number} are ready to download.`,
    until: (date: string) => `These links work until ${date}. After that, fresh links wait for you on your order.`,
    none: 'Find your downloads on your order.',
  },
} satisfies Record<Locale, unknown>;

/**
 * To the customer when the digital goods of a paid order can be downloaded: a fresh link for each,
 * and, as the content is supplied, the confirmation of the terms accepted and of the consent to
 * immediate supply that waived the withdrawal right (Directive 2011/83/EU art. 8(7)(b)).
 */
export const downloadsReady = defineEmail<typeof DigitalGoodsDelivered>({
  template: 'downloads-ready',
  recipient: ({ order }) => ({ to: order.customer.email, locale: order.customer.locale }),
  compose: async ({ order }, locale, context) => {
    const w = words[locale];
    const links = await context.downloadLinks(order);
    const nameOf = (sku: string) => order.items.find((line) => line.sku === sku)?.name ?? sku;
    const expiry = links[0]?.expiresAt;
    const blocks: Block[] = [
      greeting(order.customer, locale),
      { kind: 'paragraph', text: w.ready(order.number) },
      ...links.map((link): Block => ({ kind: 'link', label: nameOf(link.sku), url: link.url })),
      { kind: 'paragraph', text: expiry ? w.until(formatDateTime(expiry, locale)) : w.none },
      ...digitalWaiver(order, locale),
      termsAccepted(order, locale),
    ];
    return { subject: w.subject(order.number), heading: w.heading, blocks };
  },
});
