import { useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { ReferenceImagesDocument } from '../../gql/graphql';
import {
  AlertIcon,
  Button,
  ErrorState,
  LoadingState,
  ProgressBar,
  Spinner,
  UploadIcon,
  cx,
} from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { REFERENCE_TYPES } from './use-upload';
import type { ReferenceItem, ReferenceUploads as Uploads } from './use-upload';

/** Earlier uploads offered for reuse at a time. */
export const EARLIER_PAGE_SIZE = 12;

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function ReferenceTile({
  item,
  onRemove,
  onRetry,
}: {
  item: ReferenceItem;
  onRemove: () => void;
  onRetry: () => void;
}) {
  const picture = item.asset?.thumbnailUrl ?? item.asset?.url ?? item.localUrl;
  return (
    <li className="reference" data-testid="reference-item" data-status={item.status}>
      <div className="reference__picture">
        {picture ? <img src={picture} alt="" /> : <Spinner size="sm" />}
      </div>
      <div className="reference__body">
        <span className="reference__name">{item.name}</span>
        {item.status === 'uploading' && (
          <ProgressBar label={`Uploading ${item.name}`} value={item.progress} />
        )}
        {item.status === 'checking' && (
          <ProgressBar label={`Checking ${item.name}`} value={null} showValue={false} />
        )}
        {item.status === 'ready' && <span className="reference__state">Ready</span>}
        {item.status === 'failed' && (
          <p className="field__error" role="alert">
            <AlertIcon size={16} />
            <span>{item.error}</span>
          </p>
        )}
      </div>
      <div className="reference__actions">
        {item.status === 'failed' && (
          <Button size="sm" variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        )}
        <Button size="sm" variant="ghost" aria-label={`Remove ${item.name}`} onClick={onRemove}>
          Remove
        </Button>
      </div>
    </li>
  );
}

/** The person's earlier reference uploads, to pick again without uploading. */
function EarlierUploads({
  chosen,
  full,
  onPick,
}: {
  chosen: ReadonlySet<string>;
  full: boolean;
  onPick: Uploads['reuse'];
}) {
  const query = useQuery(ReferenceImagesDocument, {
    variables: { first: EARLIER_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const assets = query.data?.assets.edges.map((edge) => edge.node) ?? [];
  if (!query.data && query.error) {
    return (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t load your earlier uploads"
        message={errorMessage(readApiError(query.error))}
        onRetry={() => void query.refetch()}
        retrying={query.loading}
      />
    );
  }
  if (!query.data) return <LoadingState compact label="Loading your earlier uploads…" />;
  if (assets.length === 0) {
    return <p className="field__hint">No earlier uploads yet: images you upload appear here.</p>;
  }
  return (
    <ul className="image-choices earlier-uploads" aria-label="Earlier uploads">
      {assets.map((asset, index) => {
        const picked = chosen.has(asset.id);
        return (
          <li key={asset.id}>
            <button
              type="button"
              className="image-choice"
              aria-pressed={picked}
              disabled={full && !picked}
              onClick={() => onPick(asset)}
            >
              <img src={asset.thumbnailUrl ?? asset.url} alt={`Earlier upload ${index + 1}`} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Reference images for models that take them: a drop zone and a file picker, each file with its
 * upload progress and thumbnail, Remove, and earlier uploads to reuse. At most `limit` images.
 */
export function ReferenceUploads({
  uploads,
  limit,
  error,
  onChange,
}: {
  uploads: Uploads;
  limit: number;
  /** The server's message about the references, shown under them. */
  error?: string;
  /** Called when the person adds or removes an image (their earlier message goes). */
  onChange?: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [showEarlier, setShowEarlier] = useState(false);
  const hintId = useId();
  const errorId = useId();

  const used = uploads.items.filter((item) => item.status !== 'failed').length;
  const full = used >= limit;
  const over = used - limit;
  const chosen = new Set(uploads.readyIds);

  function add(files: File[]) {
    if (files.length === 0) return;
    setNote(uploads.add(files, limit));
    onChange?.();
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    add(Array.from(event.dataTransfer.files));
  }

  return (
    <fieldset
      className="references"
      aria-describedby={cx(hintId, (error || over > 0) && errorId) || undefined}
    >
      <legend className="field__label">Reference images</legend>
      <p className="field__hint" id={hintId}>
        Up to {plural(limit, 'PNG, JPEG or WebP image')} to guide the result ({used} of {limit}{' '}
        chosen).
      </p>
      <div
        className={cx('dropzone', dragging && 'dropzone--active', full && 'dropzone--full')}
        data-testid="reference-dropzone"
        onDragEnter={(event) => {
          event.preventDefault();
          if (!full) setDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = full ? 'none' : 'copy';
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
            setDragging(false);
          }
        }}
        onDrop={onDrop}
      >
        <UploadIcon size={24} />
        <p className="dropzone__text">
          {full
            ? `${plural(limit, 'image')} chosen: remove one to add another.`
            : dragging
              ? 'Drop the images to upload them'
              : 'Drag images here, or'}
        </p>
        <div className="cluster">
          <Button size="sm" disabled={full} onClick={() => inputRef.current?.click()}>
            Choose images
          </Button>
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={showEarlier}
            onClick={() => setShowEarlier((shown) => !shown)}
          >
            {showEarlier ? 'Hide earlier uploads' : 'Use an earlier upload'}
          </Button>
        </div>
      </div>
      <input
        ref={inputRef}
        type="file"
        accept={REFERENCE_TYPES.join(',')}
        multiple={limit > 1}
        hidden
        aria-label="Add reference images"
        data-testid="reference-file-input"
        onChange={(event) => {
          add(Array.from(event.currentTarget.files ?? []));
          // Choosing the same file again must still count as a choice.
          event.currentTarget.value = '';
        }}
      />
      {note && (
        <p className="field__hint" role="status">
          {note}
        </p>
      )}
      {(error || over > 0) && (
        <p className="field__error" id={errorId}>
          <AlertIcon size={16} />
          <span>
            {over > 0
              ? `This model takes up to ${plural(limit, 'reference image')}: remove ${over}.`
              : error}
          </span>
        </p>
      )}
      {uploads.items.length > 0 && (
        <ul className="references__list" aria-label="Chosen reference images">
          {uploads.items.map((item) => (
            <ReferenceTile
              key={item.key}
              item={item}
              onRetry={() => uploads.retry(item.key)}
              onRemove={() => {
                uploads.remove(item.key);
                setNote(null);
                onChange?.();
              }}
            />
          ))}
        </ul>
      )}
      {showEarlier && (
        <EarlierUploads
          chosen={chosen}
          full={full}
          onPick={(asset) => {
            // Pressing a chosen one again takes it out.
            const picked = uploads.items.find((item) => item.asset?.id === asset.id);
            if (picked) uploads.remove(picked.key);
            else uploads.reuse(asset);
            onChange?.();
          }}
        />
      )}
    </fieldset>
  );
}
