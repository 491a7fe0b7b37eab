import type { Carrier } from '#ordering/domain/order';

/**
 * Each carrier's public tracking page for one parcel. `other` goes to a multi-carrier tracker, so
 * every shipment has an https link that contains its tracking number (API.md).
 */
const trackingPages: Record<Carrier, (number: string) => string> = {
  colissimo: (n) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}`,
  laposte: (n) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}`,
  chronopost: (n) => `https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=${n}`,
  'mondial-relay': (n) => `https://www.mondialrelay.fr/suivi-de-colis/?numeroExpedition=${n}`,
  dhl: (n) => `https://www.dhl.com/fr-fr/home/tracking.html?tracking-id=${n}`,
  ups: (n) => `https://www.ups.com/track?tracknum=${n}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  dpd: (n) => `https://www.dpd.fr/trace/${n}`,
  gls: (n) => `https://gls-group.com/FR/fr/suivi-colis?match=${n}`,
  other: (n) => `https://t.17track.net/en#nums=${n}`,
};

/** Carriers print numbers with spaces; their pages want them without. */
export const normalizeTrackingNumber = (trackingNumber: string): string => trackingNumber.replace(/[\s-]+/g, '').toUpperCase();

export const trackingUrlOf = (carrier: Carrier, trackingNumber: string): string =>
  trackingPages[carrier](encodeURIComponent(normalizeTrackingNumber(trackingNumber)));
