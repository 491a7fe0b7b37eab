/**
 * How invoices print, for other accounting documents (credit notes) to print the same way; pdfkit
 * loads on the first PDF. A front door of its own, for the PDF functions: apart from index.ts
 * because esbuild keeps the chunk of a dynamic `import('pdfkit')` in the asset of any function
 * that imports a module re-exporting it, even where that module's code is left out.
 */
export type { AccountingDocument, AccountingLine } from './adapters/accounting-document';
export { renderAccountingDocumentPdf } from './adapters/accounting-document-pdf';
