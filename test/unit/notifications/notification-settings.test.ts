import { describe, expect, it } from 'vitest';
import { notificationSettingsFrom } from '#notifications/adapters/notification-settings';
import { unconfiguredSettings, type ShopSettings } from '#settings/domain/settings';
import { aShop } from '../../fixtures/settings';

const env = { MAIL_FROM: 'no-reply@example.com', SHOP_EMAIL: 'ops@example.com' };
const read = (settings: ShopSettings) => notificationSettingsFrom(() => Promise.resolve(settings), env)();

describe('what the notifications read of the settings', () => {
  it('falls back on MAIL_FROM and SHOP_EMAIL, and links to nothing, when the settings say nothing', async () => {
    expect(await read(unconfiguredSettings)).toEqual({ sender: { from: 'no-reply@example.com' }, shopEmail: 'ops@example.com' });
  });

  it("takes the sender, the seller's email and postal address, and the API URL (without its trailing slash) from the settings", async () => {
    const settings = { ...aShop(), email: { from: 'boutique@atelier-lumiere.fr', replyTo: 'contact@atelier-lumiere.fr' }, apiUrl: 'https://api.atelier-lumiere.fr/v1/', updatedAt: '2026-11-24T09:00:00.000Z' };
    expect(await read(settings)).toEqual({
      sender: { from: 'boutique@atelier-lumiere.fr', replyTo: 'contact@atelier-lumiere.fr' },
      shopEmail: 'compta@atelier-lumiere.fr',
      shopAddress: { name: 'Atelier Lumière', line1: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', country: 'FR' },
      apiUrl: 'https://api.atelier-lumiere.fr/v1',
    });
  });
});
