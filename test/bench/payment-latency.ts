/**
 * End-to-end latencies on the local runtime, as a client sees them: checkout (3 DynamoDB
 * requests + the PaymentIntent at the emulator), and from `confirm` at Stripe to the order
 * showing `paid` (webhook → bus → queue → payments worker). Prints figures; asserts nothing.
 */
import { startLocalRuntime } from '../../infra/local/runtime';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const measurePaymentLatency = async (orders: number) => {
  const runtime = await startLocalRuntime({ port: 0, awsPort: 0, dynamoPort: 0, stripePort: 0 });
  try {
    const call = async <T = Record<string, string>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
      const response = await fetch(`${runtime.apiUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return (await response.json()) as T;
    };
    const checkoutMs: number[] = [];
    const paidMs: number[] = [];
    for (let i = 0; i < orders; i++) {
      const cart = await call('POST', '/carts', {});
      const headers = { 'x-cart-token': cart.token ?? '' };
      await call('PUT', `/carts/${cart.id}/items/EBOOK-MISERABLES`, { quantity: 1 }, headers);
      await call('PUT', `/carts/${cart.id}/customer`, { email: 'bench@example.com' }, headers);
      let started = performance.now();
      type Placed = { order: { id: string }; orderToken: string; payment: { paymentIntentId: string } };
      const placed = await call<Placed>('POST', `/carts/${cart.id}/checkout`, { acceptTerms: true, termsVersion: '2026-01' }, { ...headers, 'idempotency-key': `bench-${i}` });
      checkoutMs.push(performance.now() - started);
      started = performance.now();
      await fetch(`${runtime.stripeUrl}/v1/payment_intents/${placed.payment.paymentIntentId}/confirm`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_bench', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'payment_method=pm_card_visa',
      });
      for (;;) {
        const order = await call('GET', `/orders/${placed.order.id}`, undefined, { 'x-order-token': placed.orderToken });
        if (order.status === 'paid') break;
        await new Promise((r) => setTimeout(r, 5));
      }
      paidMs.push(performance.now() - started);
    }
    const line = (name: string, values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `  ${name.padEnd(22)} median ${percentile(sorted, 50).toFixed(0)} ms   p95 ${percentile(sorted, 95).toFixed(0)} ms   max ${sorted.at(-1)!.toFixed(0)} ms`;
    };
    console.log(`\nLocal runtime, ${orders} orders one after another (DynamoDB Local, Stripe emulator):`);
    console.log(line('checkout', checkoutMs));
    console.log(line('confirm → order paid', paidMs));
  } finally {
    await runtime.stop();
  }
};
