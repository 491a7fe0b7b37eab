import { subtract, type Money } from '#kernel/money';
import { withPricedLines } from '#ordering/domain/credited-line';
import { unitPriceExcludingTax, type Order } from '#ordering/domain/order';
import { taxBreakdownOf } from '#ordering/domain/tax-breakdown';
import type { Seller } from '#settings/domain/settings';
import { vatExemptionMentions } from './vat-mentions';

/** A French amount as invoices print it: "10 000,00 €". */
const formatMoney = (money: Money): string =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: money.currency }).format(money.amount / 100).replace(/\u202f|\u00a0/g, ' ');

/**
 * Invoice numbers are gap-free and sequential per year, as French law requires
 * (CGI art. 242 nonies A): "F2026-000001".
 */
export const formatInvoiceNumber = (year: number, sequence: number): string =>
  `F${year}-${String(sequence).padStart(6, '0')}`;

/**
 * The invoice of a paid order, with what a French invoice must state (CGI art. 242 nonies A,
 * Code de commerce L441-9): seller identity (SIREN, RCS, VAT number, share capital), buyer,
 * a unique sequential number and its date, each line with its VAT rate and amounts without
 * and with tax, VAT per rate, totals, and the payment and late-payment terms.
 * Returns undefined before the order is paid (there is no invoice number yet).
 */
export const invoiceOf = (order: Order, seller: Seller) => {
  if (!order.invoiceNumber || !order.paidAt) return undefined;
  const gross = (line: { lineTotal: Money; discount: Money }) => subtract(line.lineTotal, line.discount);
  const lines = order.items.map((item) => {
    const withTax = order.pricesIncludeTax ? gross(item) : { ...gross(item), amount: gross(item).amount + item.tax.amount };
    const totalExcludingTax = { ...withTax, amount: withTax.amount - item.tax.amount };
    return {
      sku: item.sku,
      description: item.name,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      unitPriceExcludingTax: unitPriceExcludingTax(totalExcludingTax, item.quantity),
      discount: item.discount,
      vatRate: item.taxRate / 100,
      totalExcludingTax,
      vat: item.tax,
      totalIncludingTax: withTax,
    };
  });
  const { total, tax, shipping, discount } = order.totals;
  // The delivery's VAT, at the rates of the goods it delivers: the invoice states the delivery with
  // it, as its lines' totalIncludingTax are, so that lines + shipping make the total whatever the
  // shop's prices (the PDF of a shop pricing without VAT prints it without, beside its columns).
  const shippingVat = { ...shipping, amount: taxBreakdownOf(order).reduce((n, t) => n + t.shipping.tax.amount, 0) };
  return {
    invoiceNumber: order.invoiceNumber,
    issuedAt: order.paidAt,
    orderNumber: order.number,
    seller,
    buyer: { email: order.customer.email, address: order.customer.billingAddress ?? order.customer.shippingAddress ?? null },
    deliveryAddress: order.customer.shippingAddress ?? null,
    currency: order.currency,
    // Whether unit prices, discounts and shipping are stated with VAT (the shop's prices) or
    // without: a printed invoice must say which of the two its columns hold.
    pricesIncludeTax: order.pricesIncludeTax,
    lines,
    shipping: order.pricesIncludeTax ? shipping : { ...shipping, amount: shipping.amount + shippingVat.amount },
    shippingVat,
    discount,
    vatByRate: order.taxBreakdown.map((t) => ({ rate: t.rate / 100, base: t.base, vat: t.tax })),
    totals: { excludingTax: subtract(total, tax), vat: tax, includingTax: total },
    payment: { method: 'card (Stripe)', paidAt: order.paidAt, status: 'paid' },
    legalMentions: [
      `${seller.name}, ${seller.legalForm} au capital de ${formatMoney(seller.shareCapital)}, SIREN ${seller.siren}, ${seller.rcs}, TVA intracommunautaire ${seller.vatNumber}.`,
      'Facture acquittée : payée par carte le jour de son émission. Pas d\'escompte pour paiement anticipé.',
      'En cas de retard de paiement : pénalités au taux de trois fois le taux d\'intérêt légal, et pour les professionnels une indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce).',
      ...vatExemptionMentions(order.items, order.customer),
    ],
    // Invoices of the same series that cancel credit notes issued for refunds the bank failed; one
    // cancelling a note issued before its lines stated unit prices and discount gets them as that note.
    cancellingInvoices: (order.cancellingInvoices ?? []).map((cancelling) => withPricedLines(order, cancelling)),
  };
};

/** A paid order's invoice, as `invoiceOf` builds it. */
export type Invoice = NonNullable<ReturnType<typeof invoiceOf>>;
