/**
 * What other contexts may use of fulfillment: fresh download links for a paid order's digital
 * goods (the "downloads ready" email carries them), and how they are signed in this deployment.
 */
export type { DownloadLink, DownloadLinks } from './app/ports';
export { downloadLinksOf } from './app/list-downloads';
export { loadDownloadLinks } from './adapters/load-download-links';
export { unitsToShip } from './domain/shipment';
