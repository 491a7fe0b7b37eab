import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../app/ports';

/** Sends through SES v2. Locally `AWS_ENDPOINT_URL_SESV2` points at the outbox of `npm start`. */
export const createSesMailer = (client: SESv2Client, from: string): Mailer => ({
  async send({ to, subject, text }) {
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: text, Charset: 'UTF-8' } } } },
      }),
    );
  },
});
