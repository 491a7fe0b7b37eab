import type { SettingsReader } from '#settings/index';
import type { NotificationSettings } from '../app/ports';

/** What the environment gives when the settings say nothing: `MAIL_FROM` and `SHOP_EMAIL`. */
export interface MailEnvironment {
  MAIL_FROM: string;
  SHOP_EMAIL: string;
}

/**
 * The sender, the shop's email and postal address, and the API's URL, from the shop's settings (read through their
 * short cache) and, where they are silent, the environment.
 */
export const notificationSettingsFrom =
  (readSettings: SettingsReader, env: MailEnvironment) =>
  async (): Promise<NotificationSettings> => {
    const settings = await readSettings();
    const apiUrl = settings.apiUrl?.replace(/\/+$/, '');
    return {
      sender: settings.email ?? { from: env.MAIL_FROM },
      shopEmail: settings.seller?.email ?? env.SHOP_EMAIL,
      ...(settings.seller && { shopAddress: settings.seller.address }),
      ...(apiUrl && { apiUrl }),
    };
  };
