import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

const listens = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
/**
 * A free port below Linux's ephemeral range (32768–60999): the other tests' runtimes listen on
 * port 0, so none of them can be handed one of this run's ports after it closed, and a port
 * found open afterwards is this run's.
 */
const taken = new Set<number>();
const freePort = async (): Promise<number> => {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.has(port) && (await listens(port))) {
      taken.add(port);
      return port;
    }
  }
};
const isOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  pid: number;
  ppid: number;
  args: string;
}
const processes = (): Proc[] =>
  execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[3]!.startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[4]! }));
/** Every live process under `pid`, at any depth. */
const descendants = (pid: number): Proc[] => {
  const all = processes();
  const found: Proc[] = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const children = all.filter((p) => parents.has(p.ppid));
    found.push(...children);
    parents = new Set(children.map((p) => p.pid));
  }
  return found;
};
/** Waits until none of these processes lives (zombies count as gone); returns those still there. */
const survivors = async (procs: Proc[], timeoutMs = 6000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = new Set(processes().map((p) => p.pid));
    const left = procs.filter((p) => live.has(p.pid));
    if (left.length === 0 || Date.now() > deadline) return left.map((p) => p.args);
    await pause(100);
  }
};

/** `npm start` itself, on free ports so that a developer's own `npm start` is left alone. */
const npmStart = async (options: { detached?: boolean } = {}) => {
  const ports = { PORT: await freePort(), LOCAL_AWS_PORT: await freePort(), DYNAMODB_PORT: await freePort(), STRIPE_EMULATOR_PORT: await freePort() };
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { npm: child, pid: child.pid!, ports, exited, output: () => output };
};
type Run = Awaited<ReturnType<typeof npmStart>>;

const waitFor = async (read: () => string, text: string, timeoutMs = 45_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes(text) && Date.now() < deadline) await pause(100);
  return read();
};
/** The processes of this run: node running main.ts, Java's DynamoDB Local on the run's port, the watchdog. */
const treeOf = (run: Run) => {
  const tree = descendants(run.pid);
  const node = tree.find((p) => p.args.includes('infra/local/main.ts'));
  const java = tree.find((p) => p.args.includes('DynamoDBLocal.jar') && p.args.includes(`-port ${run.ports.DYNAMODB_PORT}`));
  return { tree, node, java };
};
/** The run's ports still open, once the OS has had up to 5 s to release them (a killed JVM closes its socket late). */
const openPorts = async (run: Run, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open: string[] = [];
    for (const [name, port] of Object.entries(run.ports)) if (await isOpen(port)) open.push(name);
    if (open.length === 0 || Date.now() > deadline) return open;
    await pause(200);
  }
};

describe('npm start', () => {
  it('prints the API URL, the admin token and DynamoDB, serves the catalog; kill -TERM of npm stops everything', async () => {
    const run = await npmStart();
    const output = await waitFor(run.output, 'Ctrl-C to stop');
    expect(output).toContain(`http://127.0.0.1:${run.ports.PORT}`);
    expect(output).toContain(`DynamoDB Local  http://127.0.0.1:${run.ports.DYNAMODB_PORT}`);
    expect(output).toMatch(/Admin token[^\n]*\n[\w-]+\.[\w-]+\.[\w-]+/);
    const product = (await (await fetch(`http://127.0.0.1:${run.ports.PORT}/products/BOOK-PETIT-PRINCE`)).json()) as unknown;
    expect(product).toMatchObject({ sku: 'BOOK-PETIT-PRINCE', name: 'Le Petit Prince', price: { amount: 890, currency: 'EUR' } });
    const { tree, node, java } = treeOf(run);
    // npm's child is node itself (no shell, no tsx CLI in between), and DynamoDB Local runs.
    expect(node?.ppid).toBe(run.pid);
    // DynamoDB Local of this run, on its own port, under npm's process tree.
    expect(java?.args).toContain(`-port ${run.ports.DYNAMODB_PORT}`);

    process.kill(run.pid, 'SIGTERM');
    expect(await run.exited).toBe(0);
    expect(await openPorts(run)).toEqual([]);
    expect(await survivors(tree)).toEqual([]);
  }, 90_000);

  it('Ctrl-C (SIGINT to the terminal’s process group) stops everything', async () => {
    const run = await npmStart({ detached: true });
    await waitFor(run.output, 'Ctrl-C to stop');
    const { tree, java } = treeOf(run);
    // DynamoDB Local of this run, on its own port, under npm's process tree.
    expect(java?.args).toContain(`-port ${run.ports.DYNAMODB_PORT}`);
    process.kill(-run.pid, 'SIGINT');
    await run.exited;
    expect(await openPorts(run)).toEqual([]);
    expect(await survivors(tree)).toEqual([]);
  }, 90_000);

  it('kill -TERM of the node process while it is still starting leaves nothing behind', async () => {
    const run = await npmStart();
    // As soon as DynamoDB Local listens, before the runtime is ready.
    const deadline = Date.now() + 45_000;
    while (!(await isOpen(run.ports.DYNAMODB_PORT)) && Date.now() < deadline) await pause(20);
    const { tree, node } = treeOf(run);
    expect(node?.args).toContain('infra/local/main.ts');
    process.kill(node!.pid, 'SIGTERM');
    expect(await run.exited).toBe(0);
    expect(await openPorts(run)).toEqual([]);
    expect(await survivors(tree)).toEqual([]);
  }, 90_000);

  it('kill -9 of the node process: DynamoDB Local dies with it (its watchdog)', async () => {
    const run = await npmStart();
    await waitFor(run.output, 'Ctrl-C to stop');
    const { tree, node, java } = treeOf(run);
    // DynamoDB Local of this run, on its own port, under npm's process tree.
    expect(java?.args).toContain(`-port ${run.ports.DYNAMODB_PORT}`);
    process.kill(node!.pid, 'SIGKILL');
    await run.exited;
    expect(await survivors(tree)).toEqual([]);
    expect(await openPorts(run)).toEqual([]);
  }, 90_000);

  it('says in one sentence that a port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const taken = (blocker.address() as { port: number }).port;
    // The start script's command, without npm's own lines around the message.
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], { cwd: root, env: { ...process.env, PORT: String(taken) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    blocker.close();
    expect(code).toBe(1);
    expect(output.trim()).toBe(`Could not start: Port ${taken} (the API) is already in use: stop what runs there or choose another port.`);
  }, 30_000);
});
