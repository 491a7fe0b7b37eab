/**
 * `npm start`: the whole system on this machine. `--persist` keeps DynamoDB's data in
 * `.local/dynamodb/`. Ctrl-C, SIGTERM (to npm or to this process) or SIGHUP stops everything,
 * DynamoDB Local included. `LOCAL_CHAOS=1` (and `LOCAL_CHAOS_SEED`) turns chaos on.
 *
 * The start script runs `exec node --import tsx …`, so that npm's child is this process: npm
 * forwards SIGINT and SIGTERM to its child, and a shell in between (dash does not exec a lone
 * command) would die of them without passing them on, leaving this process orphaned.
 */
import { startLocalRuntime } from './runtime';

const started = Date.now();
const persist = process.argv.includes('--persist');
/** A stop that hangs (a worker that never returns) must not keep the ports: exit anyway. */
const STOP_DEADLINE_MS = 10_000;

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
/** A signal this soon after the first is the same request: Ctrl-C reaches this process from the terminal and again from npm. */
const SAME_REQUEST_MS = 1000;
let stopping: number | undefined;
const shutdown = async (signal: string) => {
  if (stopping !== undefined) {
    // A second Ctrl-C: stop waiting. The exit hook of dynamodb.ts still kills DynamoDB Local.
    if (Date.now() - stopping > SAME_REQUEST_MS) process.exit(130);
    return;
  }
  stopping = Date.now();
  console.log(`\n${signal}: stopping…`);
  setTimeout(() => {
    console.error(`Still stopping after ${STOP_DEADLINE_MS / 1000} s: exiting anyway.`);
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  // If starting fails, it has already stopped what it had started.
  const runtime = await starting.catch(() => undefined);
  await runtime?.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

try {
  const runtime = await starting;
  if (stopping === undefined) {
    const chaos = runtime.chaosSeed === undefined ? 'off (LOCAL_CHAOS=1 npm start turns it on)' : `ON, seed ${runtime.chaosSeed} (LOCAL_CHAOS=1 LOCAL_CHAOS_SEED=${runtime.chaosSeed} npm start replays it)`;
    console.log(`
Commerce backend running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  API             ${runtime.apiUrl}        try: curl ${runtime.apiUrl}/products
  OpenAPI         ${runtime.apiUrl}/openapi.json
  Events, emails  ${runtime.apiUrl}/dev/events   ${runtime.apiUrl}/dev/outbox
  Faults, clock   ${runtime.apiUrl}/dev/faults   ${runtime.apiUrl}/dev/clock   (POST /dev/events/replay replays)
  Chaos           ${chaos}
  DynamoDB Local  ${runtime.dynamoEndpoint}${persist ? ' (data kept in .local/dynamodb)' : ' (in memory)'}
  Stripe          ${runtime.stripeUrl ?? 'api.stripe.com (STRIPE_SECRET_KEY is set)'}

Admin token (valid 12 h):
${runtime.adminToken}

Customer token: curl -X POST ${runtime.apiUrl}/dev/tokens -d '{"sub":"customer-1","email":"you@example.com"}'
Ctrl-C to stop.
`);
  }
} catch (error) {
  // Stopped while starting, a start cut short fails: the shutdown above ends it, with 0.
  if (stopping === undefined) {
    // One sentence, no stack: what is wrong and what to do.
    console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
