import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../app/ports';

/** SES tag values take letters, digits, `_` and `-` only (256 at most): anything else becomes `_`. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

/**
 * Sends through SES v2, a text and an HTML part. `template` and `eventId` go as email tags: SES
 * event publishing (through the configuration set) reports them, and the local outbox of
 * `npm start` (`AWS_ENDPOINT_URL_SESV2`) records them.
 */
export const createSesMailer = (client: SESv2Client = new SESv2Client({})): Mailer => ({
  async send({ to, subject, text, html, template, eventId }, sender) {
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: sender.from,
        ...(sender.replyTo && { ReplyToAddresses: [sender.replyTo] }),
        ...(sender.configurationSet && { ConfigurationSetName: sender.configurationSet }),
        Destination: { ToAddresses: [to] },
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: { Text: { Data: text, Charset: 'UTF-8' }, Html: { Data: html, Charset: 'UTF-8' } },
          },
        },
        EmailTags: [
          { Name: 'template', Value: tagValue(template) },
          { Name: 'eventId', Value: tagValue(eventId) },
        ],
      }),
    );
  },
});
