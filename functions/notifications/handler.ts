import { loadDownloadLinks, type DownloadLinks } from '#fulfillment/index';
import { newId } from '#kernel/ids';
import { createOrderTokens } from '#ordering/index';
import { createLinks } from '#notifications/adapters/links';
import { notificationSettingsFrom } from '#notifications/adapters/notification-settings';
import { createSentEmails } from '#notifications/adapters/sent-emails';
import { mailerOnFirstUse } from '#notifications/adapters/mailer-on-first-use';
import { contractsWithEmails, emailsFor } from '#notifications/app/emails/all';
import { sendEventEmails } from '#notifications/app/send-event-emails';
import { notificationsFunctions } from '#notifications/functions';
import { createSettingsReader } from '#settings/index';
import { documentClient, dynamoDbClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { logger } from '#runtime/logger';
import { on, queueHandler } from '#runtime/queue';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';

const config = loadFunctionConfig(notificationsFunctions, 'notifications');
const table = config.table.TABLE_NAME;
// The key signs the invoice, credit-note and download links of three emails of the twelve: read
// (from Secrets Manager in AWS) by the first email that carries one.
const signing = signingKeyOnFirstUse(config.signing);
// Built when the first downloads email needs one, and kept: no longer to spare an SDK (links are
// signed without the S3 client), but so that the other emails never depend on the downloads configuration.
let downloadLinks: Promise<DownloadLinks> | undefined;
// SES loads with the first event, while that event's claim waits on DynamoDB.
const mailer = mailerOnFirstUse(async () => (await import('#notifications/adapters/ses-mailer')).createSesMailer());
const deps = {
  mailer,
  sentEmails: createSentEmails(documentClient, table),
  settings: notificationSettingsFrom(createSettingsReader(dynamoDbClient, table), config.email),
  links: createLinks(async () => createOrderTokens(await signing()), () => (downloadLinks ??= loadDownloadLinks(config.downloads, signing))),
  clock: systemClock,
  ids: newId,
  warn: (message: string, details: Record<string, unknown>) => logger.warn(message, details),
};

/** Emails people about what happened, each email once per fact: one subscription per event some email tells. */
export const handler = queueHandler(
  contractsWithEmails().map((contract) =>
    on(contract, async (data, metadata) => {
      mailer.prepare();
      return sendEventEmails(deps, await emailsFor(contract), { eventId: metadata.eventId, data });
    }),
  ),
);
