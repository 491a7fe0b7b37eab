import * as z from 'zod';
import type { Seller } from '#domain/order/invoice';
import { loadConfig } from './config';

/** The shop's legal identity for invoices. The defaults describe the demo shop. */
const SellerConfig = z.object({
  SELLER_NAME: z.string().default('Boutique Démo'),
  SELLER_LEGAL_FORM: z.string().default('SAS'),
  SELLER_ADDRESS_LINE1: z.string().default('10 rue de Rivoli'),
  SELLER_POSTAL_CODE: z.string().default('75004'),
  SELLER_CITY: z.string().default('Paris'),
  SELLER_COUNTRY: z.string().default('FR'),
  SELLER_SIREN: z.string().default('123 456 789'),
  SELLER_VAT_NUMBER: z.string().default('FR12123456789'),
  SELLER_SHARE_CAPITAL: z.string().default('10 000 €'),
  SELLER_RCS: z.string().default('RCS Paris 123 456 789'),
  SELLER_EMAIL: z.string().default('factures@example.com'),
});

const c = loadConfig(SellerConfig);

export const seller: Seller = {
  name: c.SELLER_NAME,
  legalForm: c.SELLER_LEGAL_FORM,
  address: { name: c.SELLER_NAME, line1: c.SELLER_ADDRESS_LINE1, postalCode: c.SELLER_POSTAL_CODE, city: c.SELLER_CITY, country: c.SELLER_COUNTRY },
  siren: c.SELLER_SIREN,
  vatNumber: c.SELLER_VAT_NUMBER,
  shareCapital: c.SELLER_SHARE_CAPITAL,
  rcs: c.SELLER_RCS,
  email: c.SELLER_EMAIL,
};
