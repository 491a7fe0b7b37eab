import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createDocumentClient } from '#runtime/dynamodb/client';
import { createTables } from '#runtime/dynamodb/create-tables';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { createEventBridgePublisher } from '#runtime/event-publisher';
import { busName, queues as queueSpecs, type QueueName } from '#wiring';
import { startAwsEndpoint } from './aws-endpoint';
import { LocalBus } from './bus';
import { requireFreePort, startDynamoDbLocal } from './dynamodb';
import { invoke } from './functions';
import { startHttpAdapter } from './http-adapter';
import { createLocalIssuer, LOCAL_AUDIENCE } from './jwt';
import { LocalQueue, type Worker } from './queue';
import { startScheduler } from './scheduler';
import { seedCatalog } from './seed';
import { startStripeEmulator } from './stripe-emulator/index';

// Locally Node 20+ is enough (Lambda runs Node 24); the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface LocalRuntimeOptions {
  port?: number;
  awsPort?: number;
  dynamoPort?: number;
  stripePort?: number;
  /** Keep DynamoDB's data under `.local/dynamodb/` across restarts. */
  persist?: boolean;
  seed?: boolean;
  /** Scales queue visibility timeouts (0.05: a 60 s timeout becomes 3 s) so retries show quickly. */
  visibilityTimeoutScale?: number;
  /** Scales schedule rates, for tests. */
  scheduleScale?: number;
  onError?: (error: unknown) => void;
}

const LOCAL_DIR = join(process.cwd(), '.local');

/**
 * The whole system on this machine, built from the wiring: DynamoDB Local, the HTTP API, the bus
 * and its queues with their workers, the scheduler, the Stripe emulator. Ports 0 pick free ports.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions = {}) => {
  const realStripe = process.env.STRIPE_SECRET_KEY?.startsWith('sk_') && !process.env.STRIPE_SECRET_KEY.startsWith('sk_test_local');
  // Say which port is taken before starting anything.
  const port = await requireFreePort(options.port ?? 3000, 'the API');
  const awsPort = await requireFreePort(options.awsPort ?? 4566, 'the local AWS endpoints');
  const stripePort = realStripe ? 0 : await requireFreePort(options.stripePort ?? 12111, 'the Stripe emulator');
  const dynamo = await startDynamoDbLocal({ port: options.dynamoPort ?? 8000, ...(options.persist && { persistPath: join(LOCAL_DIR, 'dynamodb') }) });
  const stops: (() => Promise<void> | void)[] = [() => dynamo.stop()];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const tables = { domain: 'commerce', idempotency: 'commerce-idempotency' };
    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await createTables(dynamoClient, tables);

    const queues = Object.fromEntries(
      Object.entries(queueSpecs).map(([name, spec]) => [
        name,
        new LocalQueue(name, spec, { visibilityTimeoutScale: options.visibilityTimeoutScale ?? 0.05, ...(options.onError && { onError: options.onError }) }),
      ]),
    ) as Record<QueueName, LocalQueue>;
    const bus = new LocalBus(queues);
    const aws = await startAwsEndpoint(bus, { port: awsPort, outboxFile: join(LOCAL_DIR, 'outbox.jsonl') });
    stops.push(() => aws.close());

    const apiUrl = `http://127.0.0.1:${port}`;
    const webhookSecret = realStripe ? (process.env.STRIPE_WEBHOOK_SECRET ?? '') : 'whsec_local_emulator_secret';
    const stripe = realStripe ? undefined : await startStripeEmulator({ port: stripePort, webhookUrl: `${apiUrl}/webhooks/stripe`, webhookSecret });
    if (stripe) stops.push(() => stripe.close());

    // What each function reads at load; set before any handler module is imported.
    Object.assign(process.env, {
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: aws.url,
      AWS_ENDPOINT_URL_SESV2: aws.url,
      TABLE_NAME: tables.domain,
      IDEMPOTENCY_TABLE_NAME: tables.idempotency,
      EVENT_BUS_NAME: busName,
      SHOP_EMAIL: process.env.SHOP_EMAIL ?? 'shop@example.com',
      MAIL_FROM: process.env.MAIL_FROM ?? 'no-reply@example.com',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      // A fixed key locally, so order tokens and cursors survive a restart with --persist.
      SIGNING_SECRET: process.env.SIGNING_SECRET ?? 'local-signing-key-not-for-production',
      ...(stripe && {
        STRIPE_SECRET_KEY: 'sk_test_local_emulator',
        STRIPE_API_HOST: '127.0.0.1',
        STRIPE_API_PORT: String(stripe.port),
        STRIPE_API_PROTOCOL: 'http',
      }),
    });

    const issuer = await createLocalIssuer(`${apiUrl}/local-idp`);
    Object.assign(process.env, { JWT_ISSUER: issuer.issuer, JWT_AUDIENCE: LOCAL_AUDIENCE, JWT_JWKS: JSON.stringify(issuer.jwks) });
    const http = await startHttpAdapter({
      port,
      issuer,
      ...(options.onError && { onError: options.onError }),
      devRoutes: {
        'GET /dev/events': () => ({ items: bus.carried }),
        'GET /dev/outbox': () => ({ items: aws.outbox.map(({ to, subject, text, sentAt }) => ({ to, subject, text, sentAt })) }),
        'GET /dev/queues': () => Object.fromEntries(Object.entries(queues).map(([n, q]) => [n, { depth: q.depth, deadLetters: q.deadLetters.length }])),
        'POST /dev/tokens': async (body) => {
          const claims = JSON.parse(body || '{}') as { sub?: string; email?: string; groups?: string[] };
          return { token: await issuer.mint({ sub: claims.sub ?? 'customer-1', ...(claims.email && { email: claims.email }), groups: claims.groups ?? [] }) };
        },
        'GET /local-idp/.well-known/jwks.json': () => issuer.jwks,
      },
    });
    stops.push(() => http.close());

    if (options.seed ?? true) {
      const publisher = createEventBridgePublisher(new EventBridgeClient({ endpoint: aws.url, region: 'eu-west-3' }), busName);
      await seedCatalog({ products: createProductRepository(createDocumentClient(dynamoClient), tables.domain), publisher, clock: () => new Date() });
    }

    for (const [name, queue] of Object.entries(queues)) {
      queue.start((event) => invoke(queueSpecs[name as QueueName].worker, event) as ReturnType<Worker>);
      stops.push(() => queue.stop());
    }
    const scheduler = startScheduler(invoke, { intervalScale: options.scheduleScale ?? 1, ...(options.onError && { onError: options.onError }) });
    stops.push(() => scheduler.stop());

    return {
      apiUrl,
      dynamoEndpoint: dynamo.endpoint,
      awsUrl: aws.url,
      stripeUrl: stripe?.url,
      stripe,
      adminToken: await issuer.mint({ sub: 'admin-local', email: 'admin@example.com', groups: ['admin'] }),
      mintToken: issuer.mint,
      bus,
      queues,
      outbox: aws.outbox,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

export type LocalRuntime = Awaited<ReturnType<typeof startLocalRuntime>>;
