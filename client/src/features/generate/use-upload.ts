import { useEffect, useRef, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { CompleteUploadDocument, CreateUploadDocument } from '../../gql/graphql';
import type { ReferenceAssetFragment } from '../../gql/graphql';
import { errorMessage, formatWait, readApiError } from '../account/api-errors';
import { putFile, UploadFailed } from './put-file';
import { extensionNumber } from './start-errors';

/** The image types the server takes as references (it checks the bytes again). */
export const REFERENCE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** One reference image in the form: being uploaded, checked by the server, ready, or failed. */
export interface ReferenceItem {
  key: string;
  name: string;
  status: 'uploading' | 'checking' | 'ready' | 'failed';
  /** Fraction of the bytes sent, 0..1. */
  progress: number;
  /** The chosen file as an object URL, shown until the server's thumbnail exists. */
  localUrl: string | null;
  asset: ReferenceAssetFragment | null;
  error: string | null;
}

let counter = 0;
const nextKey = () => `reference-${(counter += 1)}`;

function readyItem(asset: ReferenceAssetFragment, name = 'Earlier upload'): ReferenceItem {
  return {
    key: nextKey(),
    name,
    status: 'ready',
    progress: 1,
    localUrl: null,
    asset,
    error: null,
  };
}

/** "20 MB": an upload limit as people read file sizes. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.floor((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.floor(bytes / 1024)} KB`;
}

/** Words for a refused `createUpload` or `completeUpload`. */
export function uploadErrorMessage(error: unknown): string {
  const api = readApiError(error);
  switch (api.code) {
    case 'UPLOAD_TOO_LARGE': {
      const maxBytes = extensionNumber(error, 'maxBytes');
      return maxBytes !== null
        ? `This image is larger than the ${describeBytes(maxBytes)} limit. Choose a smaller one.`
        : 'This image is too large. Choose a smaller one.';
    }
    case 'UNSUPPORTED_IMAGE':
      return api.serverMessage || 'This file is not a PNG, JPEG or WebP image that can be read.';
    case 'RATE_LIMITED':
      return `You have uploaded many images in a short time. Try again in ${formatWait(api.retryAfterSeconds)}.`;
    default:
      return errorMessage(api);
  }
}

function objectUrl(file: File): string | null {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null;
}

function revoke(url: string | null) {
  if (url && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url);
}

/**
 * The reference images of the form. A chosen file goes up in three steps: `createUpload` (a
 * signed URL for its exact type and size), the bytes straight to storage with progress, then
 * `completeUpload`, where the server checks the image and makes its thumbnail. Removing a file
 * stops its upload; leaving the page stops them all.
 */
export function useReferenceUploads(initial: readonly ReferenceAssetFragment[] = []) {
  const [createUpload] = useMutation(CreateUploadDocument);
  const [completeUpload] = useMutation(CompleteUploadDocument);
  const [items, setItems] = useState<ReferenceItem[]>(() =>
    initial.map((asset) => readyItem(asset)),
  );
  const controllers = useRef(new Map<string, AbortController>());
  const files = useRef(new Map<string, File>());
  const localUrls = useRef(new Map<string, string>());

  useEffect(() => {
    const running = controllers.current;
    const urls = localUrls.current;
    return () => {
      for (const controller of running.values()) controller.abort();
      for (const url of urls.values()) revoke(url);
    };
  }, []);

  const update = (key: string, patch: Partial<ReferenceItem>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  async function upload(key: string, file: File) {
    const controller = new AbortController();
    controllers.current.set(key, controller);
    update(key, { status: 'uploading', progress: 0, error: null });
    try {
      const created = await createUpload({
        variables: {
          input: { filename: file.name || 'image', contentType: file.type, byteSize: file.size },
        },
      });
      const ticket = created.data?.createUpload;
      if (!ticket) throw new Error('The server did not start the upload. Try again.');
      await putFile(ticket, file, (progress) => update(key, { progress }), controller.signal);
      if (controller.signal.aborted) return;
      update(key, { status: 'checking', progress: 1 });
      const completed = await completeUpload({ variables: { id: ticket.id } });
      const asset = completed.data?.completeUpload;
      if (!asset) throw new Error('The server did not accept the image. Try again.');
      if (controller.signal.aborted) return;
      update(key, { status: 'ready', asset });
    } catch (failure) {
      if (controller.signal.aborted) return;
      const message =
        failure instanceof UploadFailed ? failure.message : uploadErrorMessage(failure);
      update(key, { status: 'failed', error: message });
    } finally {
      if (controllers.current.get(key) === controller) controllers.current.delete(key);
    }
  }

  /**
   * Adds chosen or dropped files, up to `limit` images in all; returns a sentence about the
   * files left out (too many, or not an image type the server takes), or null.
   */
  function add(chosen: readonly File[], limit: number): string | null {
    const taken = items.filter((item) => item.status !== 'failed').length;
    const room = Math.max(0, limit - taken);
    const images = chosen.filter((file) =>
      (REFERENCE_TYPES as readonly string[]).includes(file.type),
    );
    const wrongType = chosen.length - images.length;
    const accepted = images.slice(0, room);
    const tooMany = images.length - accepted.length;

    const added = accepted.map((file) => {
      const key = nextKey();
      const localUrl = objectUrl(file);
      files.current.set(key, file);
      if (localUrl) localUrls.current.set(key, localUrl);
      const item: ReferenceItem = {
        key,
        name: file.name || 'Image',
        status: 'uploading',
        progress: 0,
        localUrl,
        asset: null,
        error: null,
      };
      return item;
    });
    if (added.length > 0) {
      setItems((current) => [...current, ...added]);
      for (const item of added) void upload(item.key, files.current.get(item.key)!);
    }

    const notes: string[] = [];
    if (wrongType > 0) {
      notes.push(
        wrongType === 1
          ? 'One file is not a PNG, JPEG or WebP image and was left out.'
          : `${wrongType} files are not PNG, JPEG or WebP images and were left out.`,
      );
    }
    if (tooMany > 0) {
      notes.push(
        `This model takes up to ${limit} reference image${limit === 1 ? '' : 's'}: ${tooMany} more ${tooMany === 1 ? 'was' : 'were'} left out.`,
      );
    }
    return notes.length > 0 ? notes.join(' ') : null;
  }

  /** Uploads a failed file again. */
  function retry(key: string) {
    const file = files.current.get(key);
    if (file) void upload(key, file);
  }

  function remove(key: string) {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    files.current.delete(key);
    revoke(localUrls.current.get(key) ?? null);
    localUrls.current.delete(key);
    setItems((current) => current.filter((item) => item.key !== key));
  }

  /** Adds an image uploaded before (from the list of earlier uploads); once only. */
  function reuse(asset: ReferenceAssetFragment) {
    setItems((current) =>
      current.some((item) => item.asset?.id === asset.id)
        ? current
        : [...current, readyItem(asset)],
    );
  }

  const readyIds = items.flatMap((item) =>
    item.status === 'ready' && item.asset ? [item.asset.id] : [],
  );
  const busy = items.some((item) => item.status === 'uploading' || item.status === 'checking');
  const failed = items.some((item) => item.status === 'failed');
  return { items, add, retry, remove, reuse, readyIds, busy, failed };
}

export type ReferenceUploads = ReturnType<typeof useReferenceUploads>;
