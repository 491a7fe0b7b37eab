import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
const isOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** `npm start`'s program, on free ports so that a developer's own `npm start` is left alone. */
const start = async () => {
  const ports = { PORT: await freePort(), LOCAL_AWS_PORT: await freePort(), DYNAMODB_PORT: await freePort(), STRIPE_EMULATOR_PORT: await freePort() };
  const child = spawn(process.execPath, [tsx, 'infra/local/main.ts'], {
    cwd: root,
    env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ports, exited, output: () => output };
};
const waitFor = async (read: () => string, text: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return read();
};
const stop = async (child: ChildProcess, exited: Promise<number | null>) => {
  child.kill('SIGTERM');
  return exited;
};

describe('npm start', () => {
  it('prints the API URL, the admin token and DynamoDB; serves the catalog; SIGTERM leaves no DynamoDB Local', async () => {
    const run = await start();
    const output = await waitFor(run.output, 'Ctrl-C to stop');
    expect(output).toContain(`http://127.0.0.1:${run.ports.PORT}`);
    expect(output).toContain(`DynamoDB Local  http://127.0.0.1:${run.ports.DYNAMODB_PORT}`);
    expect(output).toMatch(/Admin token[^\n]*\n[\w-]+\.[\w-]+\.[\w-]+/);
    const product = (await (await fetch(`http://127.0.0.1:${run.ports.PORT}/products/BOOK-PETIT-PRINCE`)).json()) as unknown;
    expect(product).toMatchObject({ sku: 'BOOK-PETIT-PRINCE', name: 'Le Petit Prince', price: { amount: 890, currency: 'EUR' } });
    expect(await isOpen(run.ports.DYNAMODB_PORT)).toBe(true);
    expect(await stop(run.child, run.exited)).toBe(0);
    expect(await isOpen(run.ports.DYNAMODB_PORT)).toBe(false);
  }, 60_000);

  it('stopped while still starting, it still leaves no DynamoDB Local behind', async () => {
    const run = await start();
    // As soon as DynamoDB Local listens, before the runtime is ready.
    const deadline = Date.now() + 20_000;
    while (!(await isOpen(run.ports.DYNAMODB_PORT)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await stop(run.child, run.exited)).toBe(0);
    expect(await isOpen(run.ports.DYNAMODB_PORT)).toBe(false);
  }, 60_000);

  it('says in one sentence that a port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const taken = (blocker.address() as { port: number }).port;
    const child = spawn(process.execPath, [tsx, 'infra/local/main.ts'], { cwd: root, env: { ...process.env, PORT: String(taken) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    blocker.close();
    expect(code).toBe(1);
    expect(output.trim()).toBe(`Could not start: Port ${taken} (the API) is already in use: stop what runs there or choose another port.`);
  }, 30_000);
});
