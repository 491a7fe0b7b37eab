import type { Address, Locale } from '#kernel/customer';
import type { Block } from './email';
import { formatDateTime } from './format';
import { postalAddress } from './after-sales';

/**
 * The confirmation of a distance contract on a durable medium (Code de la consommation L221-13,
 * Directive 2011/83/EU art. 8(7)): the terms of sale accepted, the right of withdrawal and how to
 * exercise it with the model form (L221-5, R221-1), and for digital content supplied at once the
 * customer's express consent and acknowledgement that the right is lost (L221-28 13°). An email
 * keeps them: what the order recorded at checkout, as its events carry it.
 */
export interface ContractOfOrder {
  number: string;
  items: readonly { name: string; type: 'physical' | 'digital'; quantity: number }[];
  termsVersion: string;
  termsAcceptedAt: string;
  digitalWithdrawalWaiverAt?: string | undefined;
}

/** Who the customer writes to, to withdraw. */
export interface Trader {
  email: string;
  address?: Address | undefined;
}

/** The legal periods, in days: to withdraw from receipt of the goods (L221-18), and to be refunded after (L221-24). */
const WITHDRAWAL_DAYS = 14;

const words = {
  fr: {
    title: 'Votre contrat',
    terms: (version: string, at: string) => `Vous avez accepté nos conditions générales de vente, version ${version}, le ${at}.`,
    withdrawal: (mixed: boolean) =>
      `Vous disposez d'un droit de rétractation de ${WITHDRAWAL_DAYS} jours${mixed ? ' pour les articles livrés' : ''}, sans avoir à vous justifier. ` +
      `Le délai court à compter du jour où vous, ou un tiers que vous désignez (autre que le transporteur), recevez le dernier article de la commande.`,
    how: (email: string) =>
      `Pour l'exercer, informez-nous de votre décision avant la fin de ce délai par une déclaration dénuée d'ambiguïté : demandez un retour depuis votre commande (motif « rétractation »), ` +
      `ou écrivez-nous à ${email}, par exemple avec le formulaire ci-dessous. Nous vous rembourserons au plus tard ${WITHDRAWAL_DAYS} jours après avoir été informés de votre décision ; ` +
      `nous pouvons attendre d'avoir récupéré les articles ou la preuve de leur expédition.`,
    form: (trader: string, number: string) =>
      [
        'Modèle de formulaire de rétractation',
        '(Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat.)',
        `À l'attention de ${trader} :`,
        `Je/nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*) ci-dessous (commande n° ${number}) :`,
        'Commandé le (*) / reçu le (*) :',
        'Nom du (des) consommateur(s) :',
        'Adresse du (des) consommateur(s) :',
        'Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier) :',
        'Date :',
        '(*) Rayez la mention inutile.',
      ].join('\n'),
    waiver: (names: string, at: string) =>
      `Le ${at}, vous avez expressément demandé que vos contenus numériques (${names}) vous soient fournis immédiatement, avant la fin du délai de rétractation, ` +
      `et reconnu perdre ainsi votre droit de rétractation pour eux (article L221-28, 13° du Code de la consommation).`,
  },
  en: {
    title: 'Your contract',
    terms: (version: string, at: string) => `You accepted our terms of sale, version ${version}, on ${at}.`,
    withdrawal: (mixed: boolean) =>
      `You have the right to withdraw from this contract within ${WITHDRAWAL_DAYS} days${mixed ? ' for the delivered items' : ''}, without giving any reason. ` +
      `The period starts on the day you, or a third party you name (other than the carrier), receive the last item of the order.`,
    how: (email: string) =>
      `To exercise it, tell us of your decision before the period ends by a clear statement: ask for a return from your order (reason "withdrawal"), ` +
      `or write to us at ${email}, for instance with the form below. We will refund you no later than ${WITHDRAWAL_DAYS} days after we are told of your decision; ` +
      `we may wait until we have the items back, or proof that you sent them.`,
    form: (trader: string, number: string) =>
      [
        'Model withdrawal form',
        '(Complete and return this form only if you wish to withdraw from the contract.)',
        `To ${trader}:`,
        `I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods (*) (order ${number}):`,
        'Ordered on (*) / received on (*):',
        'Name of consumer(s):',
        'Address of consumer(s):',
        'Signature of consumer(s) (only if this form is notified on paper):',
        'Date:',
        '(*) Delete as appropriate.',
      ].join('\n'),
    waiver: (names: string, at: string) =>
      `On ${at}, you expressly asked for your digital content (${names}) to be supplied at once, before the withdrawal period ends, ` +
      `and acknowledged that you thereby lose your right of withdrawal for it (article L221-28, 13° of the French Consumer Code).`,
  },
} satisfies Record<Locale, unknown>;

const namesOf = (order: ContractOfOrder, type: 'physical' | 'digital') =>
  order.items
    .filter((line) => line.type === type)
    .map((line) => line.name)
    .join(', ');

/** The version of the terms of sale the customer accepted, and when. */
export const termsAccepted = (order: ContractOfOrder, locale: Locale): Block => ({
  kind: 'paragraph',
  text: words[locale].terms(order.termsVersion, formatDateTime(order.termsAcceptedAt, locale)),
});

/** The customer's consent to receive digital content at once and to lose the withdrawal right for it; nothing without digital content. */
export const digitalWaiver = (order: ContractOfOrder, locale: Locale): Block[] => {
  const names = namesOf(order, 'digital');
  if (!names || !order.digitalWithdrawalWaiverAt) return [];
  return [{ kind: 'paragraph', text: words[locale].waiver(names, formatDateTime(order.digitalWithdrawalWaiverAt, locale)) }];
};

/** The right to withdraw from the purchase of goods, how, and the model form addressed to the shop; nothing without goods. */
const withdrawalRight = (order: ContractOfOrder, locale: Locale, trader: Trader): Block[] => {
  if (!namesOf(order, 'physical')) return [];
  const w = words[locale];
  const to = [...(trader.address ? [postalAddress(trader.address, locale).replace(/\n/g, ', ')] : []), trader.email].join(', ');
  return [
    { kind: 'paragraph', text: w.withdrawal(order.items.some((line) => line.type === 'digital')) },
    { kind: 'paragraph', text: w.how(trader.email) },
    { kind: 'paragraph', text: w.form(to, order.number) },
  ];
};

/** Everything the confirmation of the contract says, under its title: the order confirmation carries it. */
export const contractConfirmation = (order: ContractOfOrder, locale: Locale, trader: Trader): Block[] => [
  { kind: 'paragraph', text: words[locale].title },
  termsAccepted(order, locale),
  ...digitalWaiver(order, locale),
  ...withdrawalRight(order, locale, trader),
];
