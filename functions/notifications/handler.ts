import { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { notifyLowStock } from '#app/notify-low-stock';
import { createProcessedEvents } from '#adapters/dynamodb/processed-events';
import { createSesMailer } from '#adapters/ses/mailer';
import { StockChanged } from '#contracts/events/index';
import { documentClient, systemClock } from '#runtime/clients';
import { loadConfig, TableConfig } from '#runtime/config';
import { on, queueHandler } from '#runtime/queue';

const config = loadConfig(TableConfig.extend({ SHOP_EMAIL: z.email(), MAIL_FROM: z.email() }));
const deps = {
  mailer: createSesMailer(new SESv2Client({}), config.MAIL_FROM),
  processed: createProcessedEvents(documentClient, config.TABLE_NAME, systemClock),
  shopEmail: config.SHOP_EMAIL,
};

/** Emails people about what happened: for now, the shop when stock runs low. */
export const handler = queueHandler([
  on(StockChanged, (data, metadata) =>
    data.low ? notifyLowStock(deps, { eventId: metadata.eventId, sku: data.sku, available: data.available }) : Promise.resolve(),
  ),
]);
