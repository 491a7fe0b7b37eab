/**
 * What other contexts may use of the catalog: the product as data, reading it, and the
 * catalog's part of their DynamoDB transactions. Its events are in `contracts/events`.
 */
export type { Product } from './domain/product';
export type { ProductReader } from './app/ports';
export { availableIn, checkPrice, commitStock, releaseStock, reserveStock, restockUnits, type TransactItem } from './adapters/stock-transactions';
