import { randomBytes } from 'node:crypto';
import type { JsonObject, Metadata, RecordedRequest } from './types';

// Reading what clients send: Stripe's bracket-notation parameters, and the ids and keys in them.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A Stripe-looking id: the prefix and `length` base62 characters. */
export function makeId(prefix: string, length = 24): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 is the largest multiple of 62 below 256; skipping the rest keeps characters uniform.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return prefix + out;
}

export const isRecord = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses Stripe's form encoding (`a[b][0][c]=x`) into nested objects and arrays. Objects whose
 * keys are all indexes become arrays, so `expand[0]=x` and `expand[]=x` both give `['x']`.
 */
export function parseStripeParams(text: string): Record<string, unknown> {
  const root: JsonObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    assignPath(root, keyPath(key), value);
  }
  return arraysFromIndexes(root) as JsonObject;
}

function keyPath(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return [key];
  const brackets = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]!);
  return [match[1]!, ...brackets];
}

function assignPath(root: JsonObject, path: string[], value: string): void {
  if (path.some((segment) => UNSAFE_KEYS.has(segment))) return;
  let container = root;
  path.forEach((rawSegment, index) => {
    // `[]` appends: it takes the next free index.
    const segment = rawSegment === '' ? String(Object.keys(container).length) : rawSegment;
    if (index === path.length - 1) {
      container[segment] = value;
      return;
    }
    if (!isRecord(container[segment])) container[segment] = {};
    container = container[segment] as JsonObject;
  });
}

function arraysFromIndexes(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const entries = Object.entries(value).map(
    ([key, item]) => [key, arraysFromIndexes(item)] as const,
  );
  if (entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => item);
  }
  return Object.fromEntries(entries);
}

/** Stripe shows only the kind of a rejected key and its last four characters. */
export function maskKey(key: string): string {
  const prefix = /^[a-z]{2,3}_(test|live)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  if (rest.length <= 4) return prefix + '*'.repeat(rest.length);
  return prefix + '*'.repeat(rest.length - 4) + rest.slice(-4);
}

export const stringParam = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Metadata as sent: string values only; empty strings dropped (Stripe reads them as "unset"). */
export function metadataParam(value: unknown): Metadata {
  if (!isRecord(value)) return {};
  const metadata: Metadata = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && item !== '') metadata[key] = item;
  }
  return metadata;
}

export function expandParam(request: RecordedRequest): string[] {
  const values = [request.query.expand, request.body.expand].flatMap((value) =>
    Array.isArray(value) ? value : value === undefined ? [] : [value],
  );
  return values.filter((value): value is string => typeof value === 'string');
}
