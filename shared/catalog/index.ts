/**
 * What other contexts may use of the catalog: the product as data, reading it, the catalog's part
 * of their DynamoDB transactions, and the port its stock view needs of ordering (the units unpaid
 * orders hold), which ordering implements. Its events are in `contracts/events`.
 */
export type { Product } from './domain/product';
export type { ProductReader, StockReservations } from './app/ports';
export { availableIn, checkPrice, releaseStock, reserveStock, restockUnits, type TransactItem } from './adapters/stock-transactions';
