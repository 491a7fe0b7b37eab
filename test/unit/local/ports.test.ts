import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { holdPort, serve, type HeldPort } from '../../../infra/local/ports';

const held: HeldPort[] = [];
afterEach(async () => {
  for (const port of held.splice(0)) await port.close();
});
const hold = async (port: number, what = 'the API') => {
  const h = await holdPort(port, what);
  held.push(h);
  return h;
};

/** Whether another socket can listen on `port` now. */
const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const other = createServer();
    other.once('error', () => resolve(false));
    other.listen(port, '127.0.0.1', () => other.close(() => resolve(true)));
  });

describe('holdPort', () => {
  it('keeps a picked port bound until it is served, so that no other socket gets it meanwhile', async () => {
    const port = await hold(0);
    expect(port.port).toBeGreaterThan(0);
    expect(await bindable(port.port)).toBe(false);

    // Asked before it is served: a problem saying what is starting, not a hang.
    const early = await fetch(`http://127.0.0.1:${port.port}/products`);
    expect(early.status).toBe(503);
    expect(early.headers.get('content-type')).toBe('application/problem+json');
    expect(await early.json()).toMatchObject({ status: 503, detail: 'the API is starting.' });

    const served = await serve(port, (_req, res) => res.end('ready'), 'the API');
    expect(served.port).toBe(port.port);
    expect(await (await fetch(`http://127.0.0.1:${port.port}/products`)).text()).toBe('ready');

    await served.close();
    await port.close(); // Let go already: nothing happens.
    expect(await bindable(port.port)).toBe(true);
  });

  it('names the port and what wanted it when it is taken', async () => {
    const port = await hold(0, 'the API');
    await expect(holdPort(port.port, 'the Stripe emulator')).rejects.toThrow(
      `Port ${port.port} (the Stripe emulator) is already in use: stop what runs there or choose another port.`,
    );
  });

  it('binds a port given as a number when it is served', async () => {
    const served = await serve(0, (_req, res) => res.end('here'), 'the local AWS endpoints');
    expect(await (await fetch(`http://127.0.0.1:${served.port}/`)).text()).toBe('here');
    await served.close();
    expect(await bindable(served.port)).toBe(true);
  });
});
