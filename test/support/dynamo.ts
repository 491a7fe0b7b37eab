import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MiddlewareStack } from '@smithy/types';
import { inject } from 'vitest';
import { createDocumentClient } from '#runtime/dynamodb/client';
import { createTables } from '#runtime/dynamodb/create-tables';

/**
 * Fresh tables in the run's DynamoDB Local, unique to the calling test file, and the env that the
 * handlers' config reads. Call in `beforeAll` before importing any handler module.
 */
export const freshTables = async () => {
  const endpoint = inject('dynamoEndpoint');
  const suffix = randomUUID().slice(0, 8);
  const names = { domain: `commerce-${suffix}`, idempotency: `idempotency-${suffix}` };
  const client = new DynamoDBClient({ endpoint });
  await createTables(client, names);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  process.env.TABLE_NAME = names.domain;
  process.env.IDEMPOTENCY_TABLE_NAME = names.idempotency;
  return { endpoint, names, client, db: createDocumentClient(client) };
};

let spies = 0;

/**
 * The names of the commands a DynamoDB client (or document client) sends from now on, in order
 * (`GetItemCommand`, `TransactWriteItemsCommand`…): what a test counts requests by.
 */
export const commandsSentBy = (client: { middlewareStack: unknown }): string[] => {
  const sent: string[] = [];
  (client.middlewareStack as MiddlewareStack<object, object>).add(
    (next, context) => (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: `commandsSentBy${++spies}` },
  );
  return sent;
};
