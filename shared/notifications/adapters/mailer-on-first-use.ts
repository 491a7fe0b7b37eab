import type { Mailer } from '../app/ports';

/** A mailer loaded on first use, which an event's handling can start loading ahead of its first send. */
export interface MailerOnFirstUse extends Mailer {
  /** Starts loading, if not done yet; a failure shows on the next `send`, which tries again. */
  prepare(): void;
}

/**
 * The mailer of a function whose every event sends an email, loaded with its first event rather
 * than at start: `prepare()`, called as an event's handling begins, loads it while the event's
 * claim waits on DynamoDB (on a cold start, its connection's first handshake), and `send` awaits
 * it. A cold start's init no longer pays for the SES client (about 3 ms, which the first event
 * spends waiting on the network anyway).
 */
export const mailerOnFirstUse = (load: () => Promise<Mailer>): MailerOnFirstUse => {
  let loading: Promise<Mailer> | undefined;
  const mailer = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return {
    prepare: () => void mailer().catch(() => undefined),
    send: async (message, sender) => (await mailer()).send(message, sender),
  };
};
