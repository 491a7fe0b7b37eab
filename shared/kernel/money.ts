/**
 * Money is an integer count of minor units plus an ISO 4217 currency. Never a float.
 */
export type Currency = 'EUR' | 'USD' | 'GBP';

export interface Money {
  amount: number;
  currency: Currency;
}

export const money = (amount: number, currency: Currency): Money => {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be an integer, got ${amount}`);
  return { amount, currency };
};

export const zero = (currency: Currency): Money => ({ amount: 0, currency });

const sameCurrency = (a: Money, b: Money): void => {
  if (a.currency !== b.currency) throw new RangeError(`cannot mix ${a.currency} and ${b.currency}`);
};

export const add = (a: Money, b: Money): Money => {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
};

export const subtract = (a: Money, b: Money): Money => {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
};

export const multiply = (a: Money, factor: number): Money => {
  if (!Number.isSafeInteger(factor)) throw new RangeError(`factor must be an integer, got ${factor}`);
  return money(a.amount * factor, a.currency);
};

/**
 * round(a / b), half up, for non-negative integers: a share of an amount to the cent. Exact while
 * 2a + b stays below 2^53 (some 45 trillion minor units), where a float's own rounding cannot
 * turn a share just under a half into one over it.
 */
export const divideRounded = (a: number, b: number): number => Math.floor((2 * a + b) / (2 * b));

export const sum = (items: readonly Money[], currency: Currency): Money =>
  items.reduce((acc, m) => add(acc, m), zero(currency));
