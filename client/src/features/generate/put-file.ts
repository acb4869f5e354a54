/** Where and how to send one file, as `createUpload` hands it out. */
export interface UploadTarget {
  url: string;
  method: string;
  headers: ReadonlyArray<{ name: string; value: string }>;
}

/** The storage refused the bytes (HTTP status) or the request never finished. */
export class UploadFailed extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'UploadFailed';
  }
}

/** Words for a refused or broken upload request. */
function refusal(status: number): string {
  if (status === 413) return 'This image is larger than this upload allows. Choose a smaller one.';
  if (status === 403) return 'The upload link expired or was refused. Try again.';
  return `The upload failed (HTTP ${status}). Try again.`;
}

/**
 * Sends a file's bytes to a signed upload URL with XMLHttpRequest (fetch reports no upload
 * progress), reporting the fraction sent. Resolves when storage has accepted the file; rejects
 * with UploadFailed, or with an AbortError when `signal` aborts it.
 */
export function putFile(
  target: UploadTarget,
  file: Blob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was stopped.', 'AbortError'));
      return;
    }
    const request = new XMLHttpRequest();
    request.open(target.method, target.url);
    // Headers the browser sets itself (Content-Length, Host) are ignored here by the browser.
    for (const header of target.headers) request.setRequestHeader(header.name, header.value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new UploadFailed(request.status, refusal(request.status)));
      }
    };
    request.onerror = () =>
      reject(
        new UploadFailed(null, 'The upload was interrupted. Check your connection and try again.'),
      );
    request.onabort = () => reject(new DOMException('The upload was stopped.', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
