/**
 * Which visible messages one receive hands out, and in what order.
 *
 * A standard queue "provides best-effort ordering which ensures that messages are generally
 * delivered in the same order as they're sent", but "occasionally (because of the highly
 * distributed architecture that allows nearly unlimited throughput), more than one copy of a
 * message might be delivered out of order" (SQS developer guide, standard queues). Modelled as the
 * distributed store it is: each visible message sits on a server this receive reaches first with
 * probability 1 - SKIP; those come first, oldest first, and the rest only fill what room is left.
 * So a receive never comes back short while messages are visible (Lambda long-polls), yet a
 * message now and then falls behind younger ones, within a batch or into a later one.
 *
 * `shuffled` (chaos): any visible message is as likely as any other, whatever its age.
 */
export const BEST_EFFORT_SKIP = 0.2;

export type ReceiveOrder = 'best-effort' | 'shuffled';

export const pickForReceive = <T>(
  candidates: readonly T[],
  count: number,
  random: () => number,
  order: ReceiveOrder,
): { picked: T[]; reordered: number } => {
  const indices = candidates.map((_, i) => i);
  let chosen: number[];
  if (order === 'shuffled') {
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    chosen = indices.slice(0, count);
  } else {
    const reached: number[] = [];
    const behind: number[] = [];
    for (const i of indices) (random() < BEST_EFFORT_SKIP ? behind : reached).push(i);
    chosen = [...reached, ...behind].slice(0, count);
  }
  return { picked: chosen.map((i) => candidates[i]!), reordered: countOvertakes(chosen, candidates.length) };
};

/**
 * How many of the chosen messages go out ahead of an older visible one: one delivered later in
 * the batch, or left behind for a later receive.
 */
const countOvertakes = (chosen: readonly number[], total: number): number => {
  const taken = new Set(chosen);
  let oldestLeft = total;
  for (let i = 0; i < total; i++) {
    if (!taken.has(i)) {
      oldestLeft = i;
      break;
    }
  }
  let overtakes = 0;
  let oldestLater = Infinity; // the oldest index delivered after the current position
  for (let k = chosen.length - 1; k >= 0; k--) {
    const index = chosen[k]!;
    if (index > oldestLeft || index > oldestLater) overtakes++;
    oldestLater = Math.min(oldestLater, index);
  }
  return overtakes;
};
