import { assertOpen, openCart } from '#cart/index';
import { eventOf } from '#kernel/events';
import { hashToken, newToken } from '#kernel/ids';
import { priceCart } from '#pricing/domain/index';
import { OrderPlaced } from '../contracts/events';
import { assertCheckoutAllowed, buildOrder, type CheckoutTerms } from '../domain/place-order';
import { orderSnapshot, orderView } from './order-view';
import type { CheckoutDeps } from './ports';

/**
 * Turns a cart into an order awaiting payment. Three DynamoDB requests on the way: read the
 * cart, take the order number, one transaction.
 * 1. Opens the cart (404 without its token) and checks it can be ordered (422 naming what is
 *    missing: terms, email, shipping address, items).
 * 2. Prices it on the server, from the prices the cart shows.
 * 3. Takes the next order number of the year.
 * 4. Creates the Stripe PaymentIntent, idempotent on the order id, before the transaction so the
 *    order is written with it; if the transaction fails the intent is cancelled.
 * 5. The transaction: order, stock, cart closed, promotions counted (409 naming the skus).
 * 6. Publishes `OrderPlaced` with the full order.
 * Output: the order, its token (shown once), and what the client needs to pay.
 */
export const checkout = async (
  deps: CheckoutDeps,
  input: { cartId: string; token: string | undefined; terms: CheckoutTerms },
  correlationId: string,
) => {
  const cart = await openCart(deps.carts, input.cartId, input.token);
  assertOpen(cart);
  assertCheckoutAllowed(cart, input.terms, deps.termsVersion);
  const now = deps.clock();
  const priced = priceCart(
    { currency: cart.currency, lines: cart.lines, destinationCountry: cart.customer?.shippingAddress?.country, promotions: cart.promotions, now },
    deps.settings,
  );
  const orderId = deps.ids();
  const sequence = await deps.orders.nextOrderNumber(now.getUTCFullYear());
  const intent = await deps.paymentGateway.createPaymentIntent({
    orderId,
    amount: priced.totals.total,
    customerEmail: cart.customer?.email,
    description: `Order ${orderId}`,
    idempotencyKey: `order-${orderId}`,
  });
  const order = buildOrder({
    id: orderId,
    sequence,
    cart,
    priced,
    pricesIncludeTax: deps.settings.pricesIncludeTax,
    termsVersion: deps.termsVersion,
    paymentIntentId: intent.paymentIntentId,
    paymentTimeoutMinutes: deps.paymentTimeoutMinutes,
    now,
  });
  const orderToken = newToken();
  const used = cart.promotions.filter((p) => priced.appliedPromotions.includes(p.code));
  try {
    await deps.orders.place(order, hashToken(orderToken), cart, used);
  } catch (error) {
    // No order, no payment: the intent must not stay payable.
    await deps.paymentGateway.cancelPaymentIntent(intent.paymentIntentId, `cancel-order-${orderId}`).catch(() => undefined);
    throw error;
  }
  await deps.publisher.publish([eventOf(OrderPlaced, { order: orderSnapshot(order) })], correlationId);
  return {
    order: orderView(order),
    orderToken,
    payment: { provider: 'stripe' as const, paymentIntentId: intent.paymentIntentId, clientSecret: intent.clientSecret },
  };
};
