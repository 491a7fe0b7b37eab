import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '#runtime/dynamodb/client';
import { createTables } from '#runtime/dynamodb/create-tables';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { createCursorCodec } from '#runtime/dynamodb/cursor';
import { outboxStreamFilters } from '#runtime/dynamodb/outbox';
import { signingKey } from '#runtime/signing';
import { newId } from '#kernel/ids';
import { createSettingsStore } from '#settings/adapters/settings-store';
import { busName, queues as queueSpecs, rules, type QueueName } from '#wiring';
import { startAwsEndpoint } from './aws-endpoint';
import { assertValidRules, LocalBus } from './bus';
import { createChaos, resolveChaosSeed, type ChaosSetting } from './chaos';
import { matchesPattern } from './event-pattern';
import { localClock } from './clock';
import { devRoutes } from './dev-routes';
import { startDynamoDbLocal } from './dynamodb';
import { FaultRegistry } from './faults';
import { invoke, preload } from './functions';
import { holdPort } from './ports';
import { startHttpAdapter } from './http-adapter';
import { createLocalIssuer, LOCAL_AUDIENCE } from './jwt';
import { startScheduler } from './scheduler';
import { seedCatalog, seedSettings } from './seed';
import { localQueuePairs, sqsApi } from './sqs-api';
import { startStripeEmulator } from './stripe-emulator/index';
import { startTableStream } from './table-stream';
import { createQueues, workerFor, workerNames } from './workers';

// Locally Node 20+ is enough (Lambda runs Node 24); the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface LocalRuntimeOptions {
  port?: number;
  awsPort?: number;
  dynamoPort?: number;
  /**
   * A DynamoDB Local already running (the tests share one): this runtime makes tables of its own
   * there, under unique names, and deletes them when it stops, instead of starting Java.
   */
  dynamoEndpoint?: string;
  stripePort?: number;
  /** Keep DynamoDB's data under `.local/dynamodb/` across restarts. */
  persist?: boolean;
  seed?: boolean;
  /**
   * Scales queue visibility timeouts (0.05: a 60 s timeout becomes 3 s) so retries show quickly;
   * the workers' timeouts scale with them.
   */
  visibilityTimeoutScale?: number;
  /** Scales schedule rates, for tests. */
  scheduleScale?: number;
  /**
   * A bad day on AWS, on purpose (duplicates, reordering, failed PutEvents, late and repeated
   * webhooks), drawn from a seed. Unset: `LOCAL_CHAOS=1` and `LOCAL_CHAOS_SEED` decide.
   */
  chaos?: ChaosSetting;
  onError?: (error: unknown) => void;
}

const LOCAL_DIR = join(process.cwd(), '.local');

/** A shared DynamoDB Local outlives the runtime: its tables go with it (best effort: they die with Java anyway). */
const deleteTables = async (client: DynamoDBClient, tables: { domain: string; idempotency: string }) => {
  for (const TableName of Object.values(tables)) await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
};

/** Until no queue holds a message (dead letters are apart), or 10 s: a stuck worker must not stop the start. */
const queuesDrained = async (queues: Record<string, { depth: number }>) => {
  const deadline = Date.now() + 10_000;
  while (Object.values(queues).some((q) => q.depth > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
};

/**
 * The whole system on this machine, built from the wiring: DynamoDB Local, the HTTP API, the bus
 * and its queues with their workers, the scheduler, the Stripe emulator. Ports 0 pick free ports.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions = {}) => {
  const realStripe = process.env.STRIPE_SECRET_KEY?.startsWith('sk_') && !process.env.STRIPE_SECRET_KEY.startsWith('sk_test_local');
  // What is wrong with the wiring or the settings is said before anything starts.
  assertValidRules(rules);
  const chaosSeed = resolveChaosSeed(options.chaos);
  const chaos = chaosSeed === undefined ? undefined : createChaos(chaosSeed);
  if (chaos) console.log(`[local] chaos on, seed ${chaos.seed} (LOCAL_CHAOS=1 LOCAL_CHAOS_SEED=${chaos.seed} runs the same dice again)`);
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  // The ports are held from here: none is let go and bound again later (see holdPort).
  const hold = async (port: number, what: string) => {
    const held = await holdPort(port, what);
    stops.push(() => held.close());
    return held;
  };
  try {
    const apiPort = await hold(options.port ?? 3000, 'the API');
    const awsPort = await hold(options.awsPort ?? 4566, 'the local AWS endpoints');
    const stripePort = realStripe ? undefined : await hold(options.stripePort ?? 12111, 'the Stripe emulator');
    const shared = options.dynamoEndpoint;
    const dynamo = shared
      ? { endpoint: shared }
      : await startDynamoDbLocal({ port: options.dynamoPort ?? 8000, ...(options.persist && { persistPath: join(LOCAL_DIR, 'dynamodb') }) });
    if ('stop' in dynamo) stops.push(() => dynamo.stop());
    const suffix = shared ? `-${randomUUID().slice(0, 8)}` : '';
    const tables = { domain: `commerce${suffix}`, idempotency: `commerce${suffix}-idempotency` };
    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    stops.push(() => dynamoClient.destroy());
    if (shared) stops.push(() => deleteTables(dynamoClient, tables));
    await createTables(dynamoClient, tables);

    const queues = createQueues({ visibilityTimeoutScale: options.visibilityTimeoutScale ?? 0.05, chaos, ...(options.onError && { onError: options.onError }) });
    const bus = new LocalBus(queues, { clock: localClock.date });
    const apiUrl = `http://127.0.0.1:${apiPort.port}`;
    const webhookSecret = realStripe ? (process.env.STRIPE_WEBHOOK_SECRET ?? '') : 'whsec_local_emulator_secret';
    const stripe = stripePort && (await startStripeEmulator({ port: stripePort, webhookUrl: `${apiUrl}/webhooks/stripe`, webhookSecret, ...(chaos && { chaos: chaos.webhooks(), apiChaos: chaos.stripeApi() }) }));
    if (stripe) stops.push(() => stripe.close());
    const faults = new FaultRegistry(workerNames(), stripe);

    // Chaos spares the start (the seeding publishes too): it begins once the runtime is ready.
    let ready = false;
    const aws = await startAwsEndpoint(bus, {
      port: awsPort,
      busName,
      outboxFile: join(LOCAL_DIR, 'outbox.jsonl'),
      clock: localClock.date,
      putEventsFault: () => faults.takePutEvents() ?? (ready ? chaos?.putEvents() : undefined),
      sqs: (action, input) => sqsApi(queues, action, input),
    });
    stops.push(() => aws.close());

    // What each function reads at load; set before any handler module is imported.
    Object.assign(process.env, {
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: aws.url,
      AWS_ENDPOINT_URL_SESV2: aws.url,
      AWS_ENDPOINT_URL_SQS: aws.url,
      DEAD_LETTER_QUEUES: JSON.stringify(localQueuePairs(queues, aws.url)),
      TABLE_NAME: tables.domain,
      IDEMPOTENCY_TABLE_NAME: tables.idempotency,
      EVENT_BUS_NAME: busName,
      SHOP_EMAIL: process.env.SHOP_EMAIL ?? 'shop@example.com',
      MAIL_FROM: process.env.MAIL_FROM ?? 'no-reply@example.com',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      // A fixed key locally, so order tokens and cursors survive a restart with --persist.
      SIGNING_SECRET: process.env.SIGNING_SECRET ?? 'local-signing-key-not-for-production',
      // Digital goods are served by this runtime from infra/local/downloads, behind signed links.
      DOWNLOADS_BASE_URL: apiUrl,
      ...(stripe && {
        STRIPE_SECRET_KEY: 'sk_test_local_emulator',
        STRIPE_API_HOST: '127.0.0.1',
        STRIPE_API_PORT: String(stripe.port),
        STRIPE_API_PROTOCOL: 'http',
      }),
    });

    const issuer = await createLocalIssuer(`${apiUrl}/local-idp`);
    Object.assign(process.env, { JWT_ISSUER: issuer.issuer, JWT_AUDIENCE: LOCAL_AUDIENCE, JWT_JWKS: JSON.stringify(issuer.jwks) });
    const scheduler = startScheduler(invoke, {
      intervalScale: options.scheduleScale ?? 1,
      clock: localClock.now,
      ...(chaos && { chaos: chaos.schedules(), injected: chaos.counters }),
      ...(options.onError && { onError: options.onError }),
    });
    stops.push(() => scheduler.stop());
    const http = await startHttpAdapter({
      port: apiPort,
      issuer,
      clock: localClock.date,
      ...(options.onError && { onError: options.onError }),
      devRoutes: devRoutes({
        bus,
        queues,
        outbox: aws.outbox,
        issuer,
        faults,
        chaos,
        stripe,
        clock: localClock,
        runDueSchedules: scheduler.runDue,
        signing: signingKey(String(process.env.SIGNING_SECRET)),
      }),
    });
    stops.push(() => http.close());

    // The outbox relay reads DynamoDB Local's stream as Lambda reads DynamoDB Streams: each fact
    // written with its state change is published from here, once in effect, with its id.
    await preload(['outbox-relay']);
    const relay = await startTableStream(
      { endpoint: dynamo.endpoint, tableName: tables.domain, ...(options.onError && { onError: options.onError }) },
      (event) => invoke('outbox-relay', event),
      // The filters Lambda applies to the stream in AWS, matched as Lambda matches them.
      (record) => outboxStreamFilters.some((filter) => matchesPattern(filter, record)),
    );
    stops.push(() => relay.stop());

    if (options.seed ?? true) {
      // The seed lists the catalog to see whether it is already there: listing needs the cursor codec.
      const key = signingKey(String(process.env.SIGNING_SECRET));
      const cursors = createCursorCodec(async () => key);
      const db = createDocumentClient(dynamoClient);
      await seedSettings(createSettingsStore(db, tables.domain), localClock.date, apiUrl);
      await seedCatalog({ products: createProductRepository(db, tables.domain, cursors), ids: newId, clock: localClock.date });
    }

    // Lambda runs a function's init before its first invocation, outside its timeout.
    const workers = workerNames();
    await preload(workers);
    for (const [name, queue] of Object.entries(queues)) {
      queue.start(workerFor(queueSpecs[name as QueueName].worker, invoke, faults));
      stops.push(() => queue.stop());
    }
    // The seed's events are published and handled before the runtime says it is ready: what the
    // caller does next (a fault asked of /dev/faults, chaos) meets only what the caller set off.
    await relay.caughtUp();
    await queuesDrained(queues);
    await relay.caughtUp();
    ready = true;

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
      faults,
      /** The seed of this run's chaos, when chaos is on. */
      chaosSeed: chaos?.seed,
      clock: localClock,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

export type LocalRuntime = Awaited<ReturnType<typeof startLocalRuntime>>;
