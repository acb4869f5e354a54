import { useState } from 'react';
import type { ReferenceAssetFragment } from '../../../gql/graphql';
import { useReferenceUploads } from '../../generate/use-upload';
import type { ReferenceItem } from '../../generate/use-upload';

/** The most reference images an AI model or character keeps (the server's limit). */
export const REFERENCE_LIMIT = 10;

/** Moves the entry at `from` to `to` in a copy of `list`. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length) return next;
  const [entry] = next.splice(from, 1);
  next.splice(to, 0, entry as T);
  return next;
}

/**
 * The cover as the form keeps it: null stands for "the first image", so a cover that was never
 * chosen follows the first reference when they are reordered.
 */
export function initialCoverId(
  cover: { id: string } | null | undefined,
  references: readonly { id: string }[],
): string | null {
  if (!cover || cover.id === references[0]?.id) return null;
  return references.some((reference) => reference.id === cover.id) ? cover.id : null;
}

/**
 * The ordered reference images of an AI model or character being edited: the uploads of the
 * Generate page (`useReferenceUploads`: progress, retry, stop on remove) plus an order the
 * person can change and the image chosen as cover.
 */
export function useReferenceList(
  initial: readonly ReferenceAssetFragment[],
  initialCover: string | null,
) {
  const uploads = useReferenceUploads(initial);
  const [order, setOrder] = useState<string[]>([]);
  const [coverId, setCoverId] = useState<string | null>(initialCover);

  // Keys in the person's order, then any item not placed yet (just added) at the end.
  const present = new Set(uploads.items.map((item) => item.key));
  const placed = order.filter((key) => present.has(key));
  const placedSet = new Set(placed);
  const keys = [
    ...placed,
    ...uploads.items.filter((item) => !placedSet.has(item.key)).map((item) => item.key),
  ];
  const byKey = new Map(uploads.items.map((item) => [item.key, item]));
  const items = keys.map((key) => byKey.get(key)!) as ReferenceItem[];

  const used = items.filter((item) => item.status !== 'failed').length;
  const room = Math.max(0, REFERENCE_LIMIT - used);
  const assetIds = items.flatMap((item) =>
    item.status === 'ready' && item.asset ? [item.asset.id] : [],
  );
  // The cover shown: the chosen one while it is among the images, else the first ready one.
  const effectiveCover = coverId && assetIds.includes(coverId) ? coverId : (assetIds[0] ?? null);

  /** Moves an image from one position to another (drag and drop, or one step with the buttons). */
  function move(from: number, to: number) {
    setOrder(moved(keys, from, to));
  }

  /**
   * Adds chosen or dropped files while there is room; returns a sentence about files left out
   * (too many, or not PNG, JPEG or WebP), or null.
   */
  function add(files: readonly File[]): string | null {
    const accepted = files.slice(0, room);
    const tooMany = files.length - accepted.length;
    const note = accepted.length > 0 ? uploads.add(accepted, REFERENCE_LIMIT) : null;
    const notes = [note];
    if (tooMany > 0) {
      notes.push(
        `Up to ${REFERENCE_LIMIT} reference images: ${tooMany} more ${tooMany === 1 ? 'was' : 'were'} left out.`,
      );
    }
    return notes.filter(Boolean).join(' ') || null;
  }

  /** Adds images already stored (uploads, generated stills), skipping ones already there. */
  function addAssets(assets: readonly ReferenceAssetFragment[]) {
    for (const asset of assets.slice(0, room)) uploads.reuse(asset);
  }

  function remove(key: string) {
    const item = byKey.get(key);
    if (item?.asset && item.asset.id === coverId) setCoverId(null);
    uploads.remove(key);
  }

  return {
    items,
    assetIds,
    /** The id to send as `coverAssetId`: null for "the first one". */
    coverId: coverId && assetIds.includes(coverId) ? coverId : null,
    /** Images still uploading or failed: not saved until they are ready (or removed). */
    pending: items.length - assetIds.length,
    /** The id of the image shown as cover. */
    effectiveCover,
    setCover: (assetId: string) => setCoverId(assetId),
    room,
    move,
    add,
    addAssets,
    remove,
    retry: uploads.retry,
    busy: uploads.busy,
    failed: uploads.failed,
  };
}

export type ReferenceList = ReturnType<typeof useReferenceList>;

/** Why saving must wait for the images, or null when they are all ready. */
export function referencesWaitNote(references: Pick<ReferenceList, 'busy' | 'failed'>) {
  if (references.busy) return 'Waiting for the images to finish uploading…';
  if (references.failed) return 'Retry or remove the images that failed to upload.';
  return null;
}
