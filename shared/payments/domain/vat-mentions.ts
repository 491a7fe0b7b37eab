import type { Customer } from '#kernel/customer';
import type { OrderLine } from '#ordering/domain/order';
import { isEu, placeOfSupply } from '#pricing/domain/index';

/**
 * Why a line bears no VAT, as the invoice must say it (CGI ann. II art. 242 nonies A, 13°: the
 * provision under which an operation is exempt or not taxed). A line is at 0 % for one of three
 * reasons, told apart by its tax category and type (tax.ts: only `zero` goods, or a destination
 * outside the EU's VAT area, have no rate):
 * - `zero`: the shop's multi-purpose vouchers (gift cards), outside the scope of VAT when sold:
 *   VAT is due on the goods they pay for when redeemed (art. 256 ter du CGI);
 * - goods shipped outside the EU: an exempt export (art. 262 I du CGI);
 * - digital content or e-services to a customer outside the EU: supplied where the customer is,
 *   so not subject to French VAT (art. 259 B du CGI).
 * A book supplied in a member state whose rate for books is 0 % (Ireland, Czechia) is taxed there,
 * at that rate: neither exempt nor outside the scope, it needs no mention.
 */
const mentions = {
  voucher: "Bons à usages multiples (cartes cadeaux) : opération hors du champ de la TVA, la TVA étant due lors de leur utilisation (art. 256 ter du CGI).",
  export: 'Exonération de TVA, art. 262 I du CGI (exportation hors Union européenne).',
  services: 'TVA non applicable, art. 259 B du CGI (prestation de services électroniques à un client établi hors Union européenne).',
} as const;

type ZeroRated = Pick<OrderLine, 'taxRate' | 'taxCategory' | 'type'>;

const reasonOf = (line: ZeroRated): keyof typeof mentions =>
  line.taxCategory === 'zero' ? 'voucher' : line.type === 'physical' ? 'export' : 'services';

const zeroRatedInEu = (line: ZeroRated, customer: Customer | undefined) =>
  line.taxCategory === 'books' && isEu(placeOfSupply(line.type === 'physical' ? 'goods' : 'digital', customer, 'FR'));

/** The mentions that explain the lines at 0 % among `lines` (sold to `customer`), each once, in a fixed order. */
export const vatExemptionMentions = (lines: readonly ZeroRated[], customer?: Customer): string[] => {
  const reasons = new Set(lines.filter((l) => l.taxRate === 0 && !zeroRatedInEu(l, customer)).map(reasonOf));
  return (Object.keys(mentions) as (keyof typeof mentions)[]).filter((r) => reasons.has(r)).map((r) => mentions[r]);
};
