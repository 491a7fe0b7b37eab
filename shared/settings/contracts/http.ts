import * as z from 'zod';
import { AddressSchema } from '#cart/contracts/shapes';
import { CurrencySchema, MoneySchema } from '#kernel/schemas';

const minorUnits = z.number().int().min(0).max(100_000_000);

export const SellerSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    legalForm: z.string().trim().min(1).max(100),
    address: AddressSchema,
    siren: z.string().regex(/^\d{9}$/, 'must be 9 digits'),
    vatNumber: z.string().regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, 'is not an EU VAT number such as FR12123456789'),
    shareCapital: MoneySchema,
    rcs: z.string().trim().min(1).max(100),
    email: z.email().max(254),
  })
  .meta({ id: 'Seller', description: "The seller's legal identity, printed on invoices and credit notes." });

export const EmailSettingsSchema = z
  .strictObject({
    from: z.email().max(254),
    replyTo: z.email().max(254).optional(),
    // SES names: letters, digits, `_` and `-`, 64 at most.
    configurationSet: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an SES configuration set name (letters, digits, _ and -)').optional(),
  })
  .meta({ id: 'EmailSettings', description: 'How the shop\'s emails go out: the SES-verified sender, replies, the SES configuration set.' });

/** The whole settings document, as `PUT /admin/settings` takes it. */
export const SettingsBodySchema = z
  .strictObject({
    currency: CurrencySchema,
    seller: SellerSchema.nullable(),
    pricesIncludeTax: z.boolean(),
    terms: z.strictObject({ version: z.string().trim().min(1).max(40), url: z.url().max(2048) }),
    paymentTimeoutMinutes: z.number().int().min(5).max(24 * 60),
    shipping: z.strictObject({
      originCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR'),
      domestic: minorUnits,
      eu: minorUnits,
      world: minorUnits,
      freeFrom: minorUnits,
    }),
    returnWindowDays: z.number().int().min(1).max(365),
    email: EmailSettingsSchema.optional(),
    apiUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .refine((url) => !/[?#]/.test(url), 'must be a base URL, without query or fragment')
      .optional()
      .meta({ description: 'The public base URL of the API that emails link to (invoice PDF, downloads), e.g. https://api.example.com' }),
  })
  .meta({ id: 'SettingsBody' });

export const SettingsSchema = SettingsBodySchema.extend({ updatedAt: z.iso.datetime() }).meta({ id: 'Settings' });
