import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per process; the HTTP and queue chains set the correlation id. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'commerce' });
