import { AppError } from '../../graphql/errors';

export type StorageErrorCode =
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'UPLOAD_TOO_LARGE'
  | 'UPLOAD_INCOMPLETE'
  | 'UPLOAD_EXPIRED'
  | 'UNSUPPORTED_IMAGE'
  | 'UNSUPPORTED_VIDEO';

/** Errors of storage: assets, uploads and the images and videos in them. */
export class StorageError extends AppError<StorageErrorCode> {}

export const assetNotFound = () => new StorageError('NOT_FOUND', 'There is no asset with that id.');

export const uploadNotFound = () =>
  new StorageError('NOT_FOUND', 'There is no upload with that id.');

export const unsupportedImage = () =>
  new StorageError(
    'UNSUPPORTED_IMAGE',
    'That file is not a PNG, JPEG or WebP image we can read. Choose an image file and try again.',
  );

/** Sizes are said in MB (rounded down), as people see them in their file browser. */
export const describeBytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Math.floor((bytes / (1024 * 1024)) * 10) / 10} MB`
    : `${Math.floor(bytes / 1024)} KB`;

export const uploadTooLarge = (maxBytes: number) =>
  new StorageError(
    'UPLOAD_TOO_LARGE',
    `Images can be at most ${describeBytes(maxBytes)} (${maxBytes} bytes). Choose a smaller file.`,
    { maxBytes },
  );
