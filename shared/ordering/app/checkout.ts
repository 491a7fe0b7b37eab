import { assertOpen, type Cart } from '#cart/index';
import { ConflictError, withUnavailableDetail, type RateCharge, type RateLimit } from '#kernel/errors';
import { eventOf } from '#kernel/events';
import { priceCart } from '#pricing/domain/index';
import { factsOf } from '#runtime/outbox';
import { OrderPlaced } from '../contracts/events';
import { formatOrderNumber } from '../domain/order';
import { assertCheckoutAllowed, assertPayable, buildOrder, type CheckoutTerms } from '../domain/place-order';
import { orderSnapshot, orderView } from './order-view';
import type { CheckoutDeps } from './ports';
import { shopYear } from '#kernel/shop-time';

/**
 * Checkout budgets count orders placed over 30 minutes: the life of an unpaid order, so they also
 * bound how many unpaid orders (and the stock they hold) one client can keep at once, and how
 * many PaymentIntent client secrets a card tester gets.
 */
const CHECKOUT_WINDOW_SECONDS = 30 * 60;

/**
 * Orders placed per IP address (IPv6: per /64): 60 in 30 minutes. One address may carry many
 * real buyers (an office, a carrier's NAT) and a shop's own tests; 60 is far beyond a household
 * and stops a card-testing script at 120 client secrets an hour instead of thousands.
 */
export const CHECKOUTS_PER_IP: RateLimit = { name: 'checkout-per-ip', per: 'ip', cap: 60, windowSeconds: CHECKOUT_WINDOW_SECONDS };

/**
 * Unpaid orders held per buyer: 3. Each holds stock until it is paid or expires; a buyer who
 * abandons a payment and tries again holds one or two. Paying or expiring gives the slot back,
 * so a customer who pays may order again at once; one refused is told when its oldest ends at
 * the latest. A guest is counted by the email typed in the cart, which anyone may type: a
 * signed-in customer is counted by account, so guests' orders under their email never lock
 * them out.
 */
export const UNPAID_PER_EMAIL: RateLimit = { name: 'unpaid-per-email', per: 'email', cap: 3, windowSeconds: 300, held: true };
export const UNPAID_PER_CUSTOMER: RateLimit = { ...UNPAID_PER_EMAIL, name: 'unpaid-per-customer', per: 'customer' };

/**
 * Unpaid orders held per IP address: 20. Hoarding the last units from one address with many
 * email addresses stops here (5 unpaid orders could hold 5 units for 30 minutes before).
 */
export const UNPAID_PER_IP: RateLimit = { name: 'unpaid-per-ip', per: 'ip', cap: 20, windowSeconds: 300, held: true };

/**
 * Failed checkouts per IP address: 50. A checkout that fails at its transaction (stock gone, a
 * price changed, a collision) has cost a PaymentIntent created and cancelled at Stripe. A shopper
 * meets it once or twice, a crowd behind one address in a sale a few dozen times (30 racing for
 * the last 5 units leave 25); past 50 in half an hour, the address is refused before Stripe is
 * called. Counted only when a checkout fails, so a placed order still costs three requests.
 */
export const FAILED_CHECKOUTS_PER_IP: RateLimit = { name: 'checkout-failures-per-ip', per: 'ip', cap: 50, windowSeconds: CHECKOUT_WINDOW_SECONDS };

const buyerCharges = (cart: Cart): RateCharge[] => {
  if (cart.customerId) return [{ limit: UNPAID_PER_CUSTOMER, subject: cart.customerId }];
  return cart.customer?.email ? [{ limit: UNPAID_PER_EMAIL, subject: cart.customer.email }] : [];
};

const checkoutCharges = (sourceIp: string, cart: Cart): RateCharge[] => [
  { limit: CHECKOUTS_PER_IP, subject: sourceIp },
  { limit: UNPAID_PER_IP, subject: sourceIp },
  ...buyerCharges(cart),
];

/**
 * Turns a cart into an order awaiting payment. Input: the cart, already opened with its token by
 * the caller (so that no one replays a checkout without it, and the cart is read once), the terms
 * accepted, and the client's IP address. Two DynamoDB requests here (three with the cart's read):
 * take the order number, one transaction.
 * 1. Checks the cart can be ordered (422 naming what is missing: terms, email, shipping address,
 *    items; or a cart in another currency than the shop's, as its cached settings say now).
 * 2. Refuses at once a client whose budget (orders or failures) this process already saw spent (429).
 * 3. Prices it on the server, from the prices the cart shows.
 * 4. Takes the next order number of the year.
 * 5. Creates the Stripe PaymentIntent, idempotent on the order id, before the transaction so the
 *    order is written with it (its metadata names the order by id and number, which its events
 *    then carry); if the transaction fails the intent is cancelled, and a 409 is counted against
 *    the client's budget of failures (429 once it is spent).
 * 6. The transaction: order, stock, cart closed, promotions counted (409 naming the skus), and the
 *    client's budgets per IP and per email counted (429 with the seconds to wait when spent).
 *    `OrderPlaced`, with the full order, is written in the same transaction (outbox).
 * Output: the order, its token (derived from its id, never stored), and what the client needs to pay.
 */
export const checkout = async (
  deps: CheckoutDeps,
  input: { cart: Cart; terms: CheckoutTerms; sourceIp: string },
  correlationId: string,
) => {
  const { cart } = input;
  assertOpen(cart);
  assertCheckoutAllowed(cart, input.terms, { termsVersion: deps.termsVersion, currency: deps.settings.currency });
  const now = deps.clock();
  const charges = checkoutCharges(input.sourceIp, cart);
  const failure: RateCharge = { limit: FAILED_CHECKOUTS_PER_IP, subject: input.sourceIp };
  deps.rateLimits.refuseKnownExhausted([...charges, failure], now);
  const priced = priceCart(
    { currency: cart.currency, lines: cart.lines, customer: cart.customer, promotions: cart.promotions, now },
    deps.settings,
  );
  assertPayable(priced.totals.total);
  const orderId = deps.ids();
  const year = shopYear(now);
  const orderNumber = formatOrderNumber(year, await deps.orders.nextOrderNumber(year));
  const intent = await deps.paymentGateway
    .createPaymentIntent({
      orderId,
      orderNumber,
      amount: priced.totals.total,
      customerEmail: cart.customer?.email,
      description: `Order ${orderId}`,
      idempotencyKey: `order-${orderId}`,
    })
    // Nothing is placed yet: the request may be sent again as it is.
    .catch((error: unknown) => {
      throw withUnavailableDetail(error, 'Stripe did not answer: no order was placed. Send the same request again.');
    });
  const order = buildOrder({
    id: orderId,
    number: orderNumber,
    cart,
    priced,
    pricesIncludeTax: deps.settings.pricesIncludeTax,
    termsVersion: deps.termsVersion,
    paymentIntentId: intent.paymentIntentId,
    paymentTimeoutMinutes: deps.paymentTimeoutMinutes,
    now,
  });
  const used = cart.promotions.filter((p) => priced.appliedPromotions.includes(p.code));
  // The fact rides in the order's transaction: never an order without its OrderPlaced.
  const facts = factsOf([eventOf(OrderPlaced, { order: orderSnapshot(order) })], { ids: deps.ids, correlationId, now });
  try {
    await deps.orders.place(order, { cart, promotions: used, charges, now, facts });
  } catch (error) {
    // No order, no payment: the intent must not stay payable.
    await deps.paymentGateway.cancelPaymentIntent(intent.paymentIntentId, `cancel-order-${orderId}`).catch(() => undefined);
    if (error instanceof ConflictError) await deps.rateLimits.charge(failure, now);
    throw error;
  }
  return {
    order: orderView(order),
    orderToken: deps.orderTokens.issue(orderId),
    payment: { provider: 'stripe' as const, paymentIntentId: intent.paymentIntentId, clientSecret: intent.clientSecret },
  };
};
