/**
 * `npm start`: the whole system on this machine. `--persist` keeps DynamoDB's data in
 * `.local/dynamodb/`. Ctrl-C or SIGTERM stops everything, DynamoDB Local included.
 */
import { startLocalRuntime } from './runtime';


const started = Date.now();
const persist = process.argv.includes('--persist');

// Signals are handled from the first moment: Ctrl-C while DynamoDB Local is still starting
// must stop it too, not leave a Java process behind.
const starting = startLocalRuntime({
  port: Number(process.env.PORT ?? 3000),
  awsPort: Number(process.env.LOCAL_AWS_PORT ?? 4566),
  dynamoPort: Number(process.env.DYNAMODB_PORT ?? 8000),
  stripePort: Number(process.env.STRIPE_EMULATOR_PORT ?? 12111),
  persist,
  onError: (error) => console.error('[local]', error instanceof Error ? error.message : error),
});
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  // If starting fails, it has already stopped what it had started.
  const runtime = await starting.catch(() => undefined);
  await runtime?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const runtime = await starting;
  if (!stopping) {
    console.log(`
Commerce backend running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  API             ${runtime.apiUrl}        try: curl ${runtime.apiUrl}/products
  OpenAPI         ${runtime.apiUrl}/openapi.json
  Events, emails  ${runtime.apiUrl}/dev/events   ${runtime.apiUrl}/dev/outbox
  DynamoDB Local  ${runtime.dynamoEndpoint}${persist ? ' (data kept in .local/dynamodb)' : ' (in memory)'}
  Stripe          ${runtime.stripeUrl ?? 'api.stripe.com (STRIPE_SECRET_KEY is set)'}

Admin token (valid 12 h):
${runtime.adminToken}

Customer token: curl -X POST ${runtime.apiUrl}/dev/tokens -d '{"sub":"customer-1","email":"you@example.com"}'
Ctrl-C to stop.
`);
  }
} catch (error) {
  // One sentence, no stack: what is wrong and what to do.
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
