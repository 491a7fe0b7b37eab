/** What other contexts may use of payments: the payment gateway (Stripe) as a port, the seller on invoices. */
export type { PaymentGateway, PaymentIntentStatus, PaymentIntentView } from './domain/payment';
