import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod's English messages ("Too small: expected string to have >=1 characters"), which clients
 * read in a 400's `errors`. Classic zod sets them when it loads; the mini API that the functions
 * bundle does not, and without this every issue would read "Invalid input". Imported for its
 * effect by the modules that turn issues into messages (validate.ts, the event contracts, the
 * Stripe webhook). Imported from its own file, it brings English alone: `z.locales.en()` would
 * bundle every language zod has (260 KB).
 */
z.config(en());
