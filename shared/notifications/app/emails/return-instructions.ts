import type { Locale } from '#kernel/customer';
import type { ReturnApproved } from '#returns/contracts/events';
import type { Block } from '../../domain/email';
import { postalAddress, returnLines } from '../../domain/after-sales';
import { formatDate } from '../../domain/format';
import { greeting } from '../../domain/greeting';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string) => `Votre retour pour la commande n° ${number} est accepté`,
    heading: 'Comment nous renvoyer vos articles',
    approved: (number: string) => `Nous acceptons votre demande de retour pour la commande n° ${number}. Merci de nous renvoyer :`,
    label: 'N° de retour',
    writeIt: (id: string) => `Inscrivez le numéro de retour ${id} sur le colis, ou glissez-le à l'intérieur, pour que nous le reconnaissions.`,
    sendTo: 'Adresse de retour :',
    noAddress: "Répondez à cet e-mail : nous vous enverrons l'adresse à laquelle renvoyer le colis.",
    deadline: (date: string) =>
      `Votre rétractation vous sera remboursée au plus tard le ${date}. Nous pouvons attendre d'avoir reçu les articles, ou la preuve de leur envoi : gardez votre preuve de dépôt.`,
    refund: 'Nous vous rembourserons dès réception des articles.',
  },
  en: {
    subject: (number: string) => `Your return for order ${number} is approved`,
    heading: 'How to send your items back',
    approved: (number: string) => `We have approved your return request for order ${number}. Please send back:`,
    label: 'Return number',
    writeIt: (id: string) => `Write the return number ${id} on the parcel, or slip it inside, so that we recognise it.`,
    sendTo: 'Return address:',
    noAddress: "Reply to this email and we will send you the address to return the parcel to.",
    deadline: (date: string) =>
      `Your withdrawal will be refunded by ${date} at the latest. We may wait until we have the items back, or proof that you sent them: keep your proof of postage.`,
    refund: 'We will refund you as soon as the items arrive.',
  },
} satisfies Record<Locale, unknown>;

/**
 * To the customer once the shop approves a return: what to send back, the return number to put on
 * the parcel, where to send it, and for a withdrawal the date the refund is owed by (Code de la
 * consommation L221-24: 14 days from the notice, possibly deferred until the goods or a proof of
 * shipment arrive).
 */
export const returnInstructions = defineEmail<typeof ReturnApproved>({
  template: 'return-instructions',
  recipient: ({ order }) => ({ to: order.customer.email, locale: order.customer.locale }),
  compose: ({ order, return: approved }, locale, context) => {
    const w = words[locale];
    const blocks: Block[] = [
      greeting(order.customer, locale),
      { kind: 'paragraph', text: w.approved(order.number) },
      { kind: 'list', items: returnLines(approved.items, order, locale) },
      { kind: 'rows', rows: [{ label: w.label, value: approved.id, strong: true }] },
      { kind: 'paragraph', text: w.writeIt(approved.id) },
      ...(context.shopAddress
        ? [
            { kind: 'paragraph' as const, text: w.sendTo },
            { kind: 'paragraph' as const, text: postalAddress(context.shopAddress, locale) },
          ]
        : [{ kind: 'paragraph' as const, text: w.noAddress }]),
      { kind: 'paragraph', text: approved.refundDueBy ? w.deadline(formatDate(approved.refundDueBy, locale)) : w.refund },
    ];
    return { subject: w.subject(order.number), heading: w.heading, blocks };
  },
});
