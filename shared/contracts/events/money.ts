import * as z from 'zod';

/** Events carry money the same way the API does: integer minor units and a currency. */
export const EventMoneySchema = z.object({ amount: z.number().int(), currency: z.enum(['EUR', 'USD', 'GBP']) });
