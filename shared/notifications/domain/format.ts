import type { Locale } from '#kernel/customer';

/** Money as events carry it: integer minor units (every currency we sell in has two decimals). */
export interface Amount {
  amount: number;
  currency: string;
}

const tags: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

// Intl puts narrow and no-break spaces in amounts ("24,00 €"); plain spaces read the same in every mail client.
const plainSpaces = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/** `24,00 €` in French, `€24.00` in English. */
export const formatMoney = (money: Amount, locale: Locale): string =>
  plainSpaces(new Intl.NumberFormat(tags[locale], { style: 'currency', currency: money.currency }).format(money.amount / 100));

/** `24 novembre 2026` / `24 November 2026`, the day as it is in France, where the shop is. */
export const formatDate = (iso: string, locale: Locale): string =>
  plainSpaces(new Intl.DateTimeFormat(tags[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date(iso)));

/** `24 novembre 2026 à 10:00` / `24 November 2026 at 10:00`, Paris time. */
export const formatDateTime = (iso: string, locale: Locale): string =>
  plainSpaces(
    new Intl.DateTimeFormat(tags[locale], { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(iso)),
  );

/** `France` / `Allemagne` from `FR` / `DE`; a code Intl does not know is shown as it is. */
export const formatCountry = (code: string, locale: Locale): string => {
  try {
    return new Intl.DisplayNames(tags[locale], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
};
