/**
 * The shape of a postal code in the countries a European shop ships to most, as their posts
 * publish it. Shipping zones and VAT are read from it (a French code of 97 is overseas, of 20
 * Corsica), so a code of the wrong shape would price an order on a guess and print an address no
 * carrier delivers. Countries not listed take any code of the generic shape (letters, digits,
 * spaces, dashes), as do those whose codes vary too much to check safely (Ireland, whose
 * addresses may still lack an Eircode).
 */
const FORMATS: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  FR: { pattern: /^\d{5}$/, example: '75002' },
  MC: { pattern: /^980\d{2}$/, example: '98000' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  IT: { pattern: /^\d{5}$/, example: '00184' },
  ES: { pattern: /^\d{5}$/, example: '28013' },
  FI: { pattern: /^\d{5}$/, example: '00100' },
  BE: { pattern: /^\d{4}$/, example: '1000' },
  LU: { pattern: /^(L-?)?\d{4}$/i, example: '1009' },
  AT: { pattern: /^\d{4}$/, example: '1010' },
  CH: { pattern: /^\d{4}$/, example: '8001' },
  DK: { pattern: /^\d{4}$/, example: '1050' },
  NL: { pattern: /^\d{4} ?[A-Za-z]{2}$/, example: '1012 AB' },
  PT: { pattern: /^\d{4}-\d{3}$/, example: '1100-148' },
  PL: { pattern: /^\d{2}-\d{3}$/, example: '00-950' },
  SE: { pattern: /^\d{3} ?\d{2}$/, example: '111 22' },
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '10001' },
};

/** A postal code of the country's shape, where its shape is checked. */
export const postalCodeExampleOf = (country: string): string | undefined => FORMATS[country]?.example;

/** Whether `postalCode` has its country's shape (always, for a country whose shape is not checked). */
export const hasPostalCodeShape = (country: string, postalCode: string): boolean => FORMATS[country]?.pattern.test(postalCode.trim()) ?? true;
