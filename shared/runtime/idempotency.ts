import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ConflictError, UnprocessableError } from '#kernel/errors';
import { dynamoDbClient } from './clients';
import { compressText, decompressText } from './dynamodb/compressed-text';
import type { SigningKey } from './signing';

/** What an idempotent operation receives: the client's key, the request it guards, and the rest. */
export interface IdempotentInput {
  /** Scoped by the caller (e.g. cart id + Idempotency-Key) so keys of different carts never meet. */
  key: string;
  /** The request as sent; the same key with another request is refused. */
  request: unknown;
}

/**
 * `v2` compresses the response before sealing it: a checkout's response (3 KB of JSON) then
 * stores in 1.3 KB, and the record's write costs 2 units instead of 4 (issue 15). `v1` records,
 * sealed uncompressed, still open until they expire.
 */
const SEALED_VERSION = 'v2';
const LEGACY_VERSION = 'v1';

/**
 * Stored responses carry bearer secrets (an order token, a Stripe client secret) and personal data
 * (an email, an address) for as long as a replay may come (24 h): they are kept sealed with
 * AES-256-GCM, under a key derived from the server's signing key (its HMAC of a label, HKDF's
 * expand step), bound to the record's key so that a sealed response moved under another key does
 * not open. A leaked idempotency table then leaks nothing usable.
 */
export const sealer = (signing: SigningKey) => {
  const keyOf = (version: string) => Buffer.from(signing.sign('idempotency-record-encryption', version), 'base64url');
  const keys = new Map([SEALED_VERSION, LEGACY_VERSION].map((version) => [version, keyOf(version)]));
  return {
    seal(plain: string, scope: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.get(SEALED_VERSION)!, iv).setAAD(Buffer.from(scope));
      const sealed = Buffer.concat([cipher.update(compressText(plain)), cipher.final()]);
      return [SEALED_VERSION, iv, sealed, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    /** The plain text, or undefined when it was not sealed by this key for this scope. */
    open(text: string, scope: string): string | undefined {
      const [version = '', iv = '', sealed = '', tag = ''] = text.split('.');
      const key = keys.get(version);
      if (!key) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(scope));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]);
        return version === LEGACY_VERSION ? plain.toString('utf8') : decompressText(plain);
      } catch {
        return undefined;
      }
    },
  };
};

/**
 * Makes an operation idempotent with Powertools (DynamoDB persistence): the same key and request
 * return the stored result without running again; the same key with another request is a 422;
 * a duplicate arriving while the first still runs is a 409. Failures are not stored, so a
 * retry after an error runs again. The stored result is sealed with `sealWith` (see `sealer`).
 * Whoever calls it authorizes the caller first: a replay hands the stored response to anyone
 * who reaches it.
 */
export const idempotent = <I extends IdempotentInput, R>(
  operation: (input: I) => Promise<R>,
  options: {
    tableName: string;
    sealWith: SigningKey;
    expiresAfterSeconds?: number;
    /**
     * What the records' keys start with, instead of Powertools' default, the function's name
     * (`AWS_LAMBDA_FUNCTION_NAME`): unset where functions share one process (the local runtime),
     * where two operations scoped by the same ids (an order's returns and its refunds) would
     * then meet. Checkout and refunds keep the default: records already stored stay theirs.
     */
    keyPrefix?: string;
  },
) => {
  const { seal, open } = sealer(options.sealWith);
  // Store the result as the JSON text the client receives: a replay is then byte for byte the
  // first response (a DynamoDB map would not keep the key order), and undefined fields, which
  // DynamoDB's marshaller refuses, disappear as they do on the wire.
  const sealedJson = async (input: I): Promise<string> => seal(JSON.stringify(await operation(input)), input.key);
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'request',
    expiresAfterSeconds: options.expiresAfterSeconds ?? 24 * 3600,
    throwOnNoIdempotencyKey: true,
  });
  const run = makeIdempotent(sealedJson, {
    // The function's own client: Powertools would build a second one at load, and in AWS open a
    // second connection (with its TLS handshake) on the first request.
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: options.tableName, awsSdkV3Client: dynamoDbClient }),
    config,
    ...(options.keyPrefix !== undefined && { keyPrefix: options.keyPrefix }),
  });
  return async (input: I, lambdaContext: Context): Promise<R> => {
    // The in-progress record then expires when this invocation would time out: a function
    // that dies halfway does not leave the key locked (409) for the whole retention.
    config.registerLambdaContext(lambdaContext);
    let sealed: string;
    try {
      sealed = await run(input);
    } catch (error) {
      if (error instanceof IdempotencyValidationError) {
        throw new UnprocessableError('This Idempotency-Key was used with another request; use a new key.', [
          { path: 'header.idempotency-key', message: 'was used with another request' },
        ], { cause: error });
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        throw new ConflictError('The same request is still being processed; retry in a moment.', [], { cause: error });
      }
      throw error;
    }
    const plain = open(sealed, input.key);
    // Only after the signing key changed: the request was done, but its response cannot be shown again.
    if (plain === undefined) throw new ConflictError('This request was already processed, and its response can no longer be shown.');
    return JSON.parse(plain) as R;
  };
};
