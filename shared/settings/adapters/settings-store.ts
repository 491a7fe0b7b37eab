import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBProvider } from '@aws-lambda-powertools/parameters/dynamodb';
import type { DocumentClient } from '#runtime/dynamodb/client';
import type { SettingsReader, SettingsStore } from '../app/ports';
import { unconfiguredSettings, type ShopSettings } from '../domain/settings';

/** The one settings item of the domain table; its `value` is the JSON document. */
const PARTITION = 'SETTINGS';
const SORT = 'SHOP';
const settingsKey = { PK: PARTITION, SK: SORT };

/** How long a function trusts its copy: a change shows everywhere within this many seconds (one small Query per warm function per 5 s at most). */
export const SETTINGS_CACHE_SECONDS = 5;

export const createSettingsStore = (db: DocumentClient, tableName: string): SettingsStore => ({
  async get() {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: settingsKey, ConsistentRead: true }));
    return Item ? (JSON.parse(String(Item.value)) as ShopSettings) : undefined;
  },
  async save(settings) {
    await db.send(new PutCommand({ TableName: tableName, Item: { ...settingsKey, value: JSON.stringify(settings) } }));
  },
});

/** The item the CDK stack and the local runtime seed, in the shape the store reads. */
export const settingsItem = (settings: ShopSettings) => ({ ...settingsKey, value: JSON.stringify(settings) });

/**
 * The settings as functions read them: Powertools' DynamoDB provider caches them for
 * `SETTINGS_CACHE_SECONDS`, so a warm function makes no request most of the time. It sends its
 * requests through the function's own DynamoDB client (`dynamoDbClient`, which the document client
 * wraps): one client to build at cold start and one pool of connections, not a second client,
 * and a second TLS handshake, for the settings alone.
 */
export const createSettingsReader = (client: DynamoDBClient, tableName: string): SettingsReader => {
  const provider = new DynamoDBProvider({ tableName, keyAttr: 'PK', sortAttr: 'SK', valueAttr: 'value', awsSdkV3Client: client });
  return async () => {
    const values = await provider.getMultiple(PARTITION, { maxAge: SETTINGS_CACHE_SECONDS, transform: 'json' });
    return ((values as Record<string, unknown> | undefined)?.[SORT] as ShopSettings | undefined) ?? unconfiguredSettings;
  };
};
