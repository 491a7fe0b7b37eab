import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { AddressSchema, SentAddressSchema } from '#cart/contracts/shapes';
import { CountryCodeSchema, CurrencySchema, KeptCountrySchema, MoneySchema } from '#kernel/schemas';
import { humanText, keptText, type TextSchemaOf } from '#kernel/text';

const minorUnits = /* @__PURE__ */ deferred(() => z.number().check(z.int(), z.minimum(0), z.maximum(100_000_000)));

const sellerWith = (address: typeof AddressSchema | typeof SentAddressSchema, text: TextSchemaOf) => z.strictObject({
  name: text({ maxLength: 200 }),
  legalForm: text({ maxLength: 100 }),
  address,
  siren: z.string().check(z.regex(/^\d{9}$/, 'must be 9 digits')),
  // The shape of any EU number. A French one's own rules (its shape, its SIREN, its key) are the
  // domain's, checked with the SIREN's Luhn digit (422): see frenchVatNumberProblem.
  vatNumber: z.string().check(z.regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, 'is not an EU VAT number such as FR44732829320')),
  shareCapital: MoneySchema,
  rcs: text({ maxLength: 100 }),
  email: z.email().check(z.maxLength(254)),
});

const sellerMeta = { id: 'Seller', description: "The seller's legal identity, printed on invoices and credit notes." };

export const SellerSchema = /* @__PURE__ */ deferred(() => sellerWith(AddressSchema, humanText).check(z.meta(sellerMeta)));

/** The seller as the settings send it back: its address and names as kept (see SentAddressSchema, keptText). */
const SentSellerSchema = /* @__PURE__ */ deferred(() => sellerWith(SentAddressSchema, keptText).check(z.meta(sellerMeta)));

export const EmailSettingsSchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    from: z.email().check(z.maxLength(254)),
    replyTo: z.optional(z.email().check(z.maxLength(254))),
    // SES names: letters, digits, `_` and `-`, 64 at most.
    configurationSet: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an SES configuration set name (letters, digits, _ and -)'))),
  })
  .check(z.meta({ id: 'EmailSettings', description: 'How the shop\'s emails go out: the SES-verified sender, replies, the SES configuration set.' })));

/**
 * The settings' fields: as a client sends them, or as kept (a seller's address, the origin country
 * accepted before only assigned codes were: see KeptCountrySchema). `updatedAt` is the server's:
 * read-only, sent back by a client that PUTs what it read, and replaced by the time of the change.
 */
const settingsWith = (seller: typeof SellerSchema | typeof SentSellerSchema, originCountry: z.ZodMiniType<string>, text: TextSchemaOf) => ({
  currency: CurrencySchema,
  seller: z.nullable(seller),
  pricesIncludeTax: z.boolean(),
  vatAtDestination: z.optional(z.boolean()).check(
    z.meta({
      description:
        "true (the default): EU consumers pay their own country's VAT (OSS). false: they pay the shop's country's, which a shop whose cross-border EU sales to consumers stay under €10,000 a year may choose. Sales outside the EU bear none either way.",
    }),
  ),
  terms: z.strictObject({ version: text({ maxLength: 40 }), url: z.url().check(z.maxLength(2048)) }),
  paymentTimeoutMinutes: z.number().check(z.int(), z.minimum(5), z.maximum(24 * 60)),
  shipping: z.strictObject({
    originCountry,
    domestic: minorUnits,
    eu: minorUnits,
    world: minorUnits,
    freeFrom: minorUnits,
  }),
  returnWindowDays: z.number().check(z.int(), z.minimum(1), z.maximum(365)),
  email: z.optional(EmailSettingsSchema),
  apiUrl: z
    .optional(
      z
        .url({ protocol: /^https?$/ })
        .check(z.maxLength(2048), z.refine((url) => !/[?#]/.test(url), 'must be a base URL, without query or fragment')),
    )
    .check(z.meta({ description: 'The public base URL of the API that emails link to (invoice PDF, downloads), e.g. https://api.example.com' })),
});

const UpdatedAtSchema = /* @__PURE__ */ deferred(() => z.iso.datetime().check(z.meta({ readOnly: true, description: 'When the settings last changed; set by the server.' })));

/** The whole settings document, as `PUT /admin/settings` takes it: what `GET` answered is accepted back. */
export const SettingsBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({ ...settingsWith(SellerSchema, CountryCodeSchema, humanText), updatedAt: z.optional(UpdatedAtSchema) })
  .check(z.meta({ id: 'SettingsBody' })));

export const SettingsSchema = /* @__PURE__ */ deferred(() => z
  .strictObject({ ...settingsWith(SentSellerSchema, KeptCountrySchema, keptText), updatedAt: UpdatedAtSchema })
  .check(z.meta({ id: 'Settings' })));
