import { createHash } from 'node:crypto';

/** A seeded source of numbers in [0, 1): the same parts always give the same sequence. */
export type Random = () => number;

/** Seeds mulberry32 from a SHA-256 of the parts, so every input bit moves the whole sequence. */
export function seededRandom(...parts: unknown[]): Random {
  let state = createHash('sha256').update(JSON.stringify(parts)).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (random: Random, min: number, max: number) => min + (max - min) * random();

/** A whole number from min to max, both included. */
export const integer = (random: Random, min: number, max: number) =>
  Math.floor(between(random, min, max + 1));

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
