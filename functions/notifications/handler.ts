import { SESv2Client } from '@aws-sdk/client-sesv2';
import { StockChanged } from '#catalog/contracts/events';
import { createSesMailer } from '#notifications/adapters/ses-mailer';
import { notifyLowStock } from '#notifications/app/notify-low-stock';
import { documentClient, systemClock } from '#runtime/clients';
import { loadFunctionConfig } from '#runtime/config';
import { createProcessedEvents } from '#runtime/dynamodb/processed-events';
import { on, queueHandler } from '#runtime/queue';

const config = loadFunctionConfig('notifications');
const deps = {
  mailer: createSesMailer(new SESv2Client({}), config.email.MAIL_FROM),
  processed: createProcessedEvents(documentClient, config.table.TABLE_NAME, systemClock),
  shopEmail: config.email.SHOP_EMAIL,
};

/** Emails people about what happened: for now, the shop when stock runs low. */
export const handler = queueHandler([
  on(StockChanged, (data, metadata) =>
    data.low ? notifyLowStock(deps, { eventId: metadata.eventId, sku: data.sku, available: data.available }) : Promise.resolve(),
  ),
]);
