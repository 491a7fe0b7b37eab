import type { FunctionConfig } from './config';

/** The configuration's `signing` section, as every function granted the key has it. */
export type SigningConfig = FunctionConfig<'checkout'>['signing'];

/** Where the key comes from, checked at load even where the key is read later: a deployment without one fails at once. */
export const requireSigningSource = (config: SigningConfig): void => {
  if (!config.SIGNING_SECRET_ARN && !config.SIGNING_SECRET) {
    throw new Error('Configuration is incomplete: set SIGNING_SECRET_ARN (AWS) or SIGNING_SECRET (local, 16 characters or more).');
  }
};
