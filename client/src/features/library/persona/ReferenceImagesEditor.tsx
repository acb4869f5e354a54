import { useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import {
  AlertIcon,
  ArrowLeftIcon,
  ArrowRightIcon,
  Button,
  ImageIcon,
  ProgressBar,
  Spinner,
  StarIcon,
  TrashIcon,
  UploadIcon,
  cx,
} from '../../../ui';
import { REFERENCE_TYPES } from '../../generate/use-upload';
import type { ReferenceItem } from '../../generate/use-upload';
import { AssetPicker } from './AssetPicker';
import { REFERENCE_LIMIT } from './use-reference-list';
import type { ReferenceList } from './use-reference-list';

/** The drag type of a reference being moved, so it is not mistaken for dropped files. */
const MOVE_TYPE = 'application/x-aiofm-reference';

function ReferenceTile({
  item,
  index,
  count,
  cover,
  dragging,
  onMove,
  onCover,
  onRemove,
  onRetry,
  onDragStart,
  onDragEnd,
  onDropHere,
}: {
  item: ReferenceItem;
  index: number;
  count: number;
  cover: boolean;
  dragging: boolean;
  onMove: (to: number) => void;
  onCover: () => void;
  onRemove: () => void;
  onRetry: () => void;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDropHere: () => void;
}) {
  const [over, setOver] = useState(false);
  const picture = item.asset?.thumbnailUrl ?? item.asset?.url ?? item.localUrl;
  const label = `Image ${index + 1}`;
  return (
    <li
      className={cx(
        'persona-reference',
        cover && 'persona-reference--cover',
        dragging && 'persona-reference--dragging',
        over && 'persona-reference--over',
      )}
      data-testid="persona-reference"
      data-status={item.status}
      draggable={item.status === 'ready'}
      onDragStart={(event) => {
        event.dataTransfer.setData(MOVE_TYPE, String(index));
        event.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(MOVE_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        if (!event.dataTransfer.types.includes(MOVE_TYPE)) return;
        event.preventDefault();
        setOver(false);
        onDropHere();
      }}
    >
      <div className="persona-reference__picture">
        {picture ? <img src={picture} alt={label} draggable={false} /> : <Spinner size="sm" />}
        <span className="persona-reference__position" aria-hidden="true">
          {index + 1}
        </span>
        {cover && (
          <span className="persona-reference__badge">
            <StarIcon size={14} />
            Cover
          </span>
        )}
      </div>
      {item.status === 'uploading' && (
        <ProgressBar label={`Uploading ${item.name}`} value={item.progress} />
      )}
      {item.status === 'checking' && (
        <ProgressBar label={`Checking ${item.name}`} value={null} showValue={false} />
      )}
      {item.status === 'failed' && (
        <p className="field__error" role="alert">
          <AlertIcon size={16} />
          <span>{item.error}</span>
        </p>
      )}
      <div className="persona-reference__actions">
        {item.status === 'failed' ? (
          <Button size="sm" variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        ) : (
          <>
            <Button
              size="sm"
              variant="ghost"
              className="button--icon"
              aria-label={`Move ${label} earlier`}
              title="Move earlier"
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
            >
              <ArrowLeftIcon size={16} />
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="button--icon"
              aria-label={`Move ${label} later`}
              title="Move later"
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            >
              <ArrowRightIcon size={16} />
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="button--icon"
              aria-label={cover ? `${label} is the cover` : `Make ${label} the cover`}
              aria-pressed={cover}
              title={cover ? 'The cover' : 'Make it the cover'}
              disabled={item.status !== 'ready'}
              onClick={onCover}
            >
              <StarIcon size={16} />
            </Button>
          </>
        )}
        <Button
          size="sm"
          variant="ghost"
          className="button--icon"
          aria-label={`Remove ${label}`}
          title="Remove"
          onClick={onRemove}
        >
          <TrashIcon size={16} />
        </Button>
      </div>
    </li>
  );
}

export interface ReferenceImagesEditorProps {
  references: ReferenceList;
  /** What the images are of, for the hint: "this character". */
  subject: string;
  /** The server's message about the references or the cover, shown under them. */
  error?: string;
  /** Called when the person changes the images (their earlier message goes). */
  onChange?: () => void;
}

/**
 * The ordered reference images of an AI model or character: drop or pick files (each with its
 * upload progress), choose from my generations or earlier uploads, reorder by dragging or with
 * the arrow buttons, pick the cover, remove. The order is the order generations receive them.
 */
export function ReferenceImagesEditor({
  references,
  subject,
  error,
  onChange,
}: ReferenceImagesEditorProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [droppingFiles, setDroppingFiles] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const hintId = useId();
  const errorId = useId();
  const full = references.room === 0;
  const count = references.items.length;

  function add(files: File[]) {
    if (files.length === 0) return;
    setNote(references.add(files));
    onChange?.();
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDroppingFiles(false);
    if (event.dataTransfer.types.includes(MOVE_TYPE)) return;
    add(Array.from(event.dataTransfer.files));
  }

  return (
    <fieldset
      className="persona-references"
      aria-describedby={cx(hintId, error && errorId) || undefined}
    >
      <legend className="field__label">Reference images</legend>
      <p className="field__hint" id={hintId}>
        Up to {REFERENCE_LIMIT} PNG, JPEG or WebP images of {subject}, in the order generations get
        them ({count} of {REFERENCE_LIMIT}). Drag them, or use the arrows, to reorder; the star
        picks the cover.
      </p>
      {count > 0 && (
        <ol className="persona-references__list" aria-label="Reference images, in order">
          {references.items.map((item, index) => (
            <ReferenceTile
              key={item.key}
              item={item}
              index={index}
              count={count}
              cover={item.asset !== null && item.asset.id === references.effectiveCover}
              dragging={dragFrom === index}
              onMove={(to) => {
                references.move(index, to);
                onChange?.();
              }}
              onCover={() => {
                if (item.asset) references.setCover(item.asset.id);
                onChange?.();
              }}
              onRemove={() => {
                references.remove(item.key);
                setNote(null);
                onChange?.();
              }}
              onRetry={() => references.retry(item.key)}
              onDragStart={() => setDragFrom(index)}
              onDragEnd={() => setDragFrom(null)}
              onDropHere={() => {
                if (dragFrom !== null && dragFrom !== index) {
                  references.move(dragFrom, index);
                  onChange?.();
                }
                setDragFrom(null);
              }}
            />
          ))}
        </ol>
      )}
      <div
        className={cx(
          'persona-dropzone',
          droppingFiles && 'persona-dropzone--active',
          full && 'persona-dropzone--full',
        )}
        data-testid="persona-dropzone"
        onDragEnter={(event) => {
          if (event.dataTransfer.types.includes(MOVE_TYPE)) return;
          event.preventDefault();
          if (!full) setDroppingFiles(true);
        }}
        onDragOver={(event) => {
          if (event.dataTransfer.types.includes(MOVE_TYPE)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = full ? 'none' : 'copy';
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
            setDroppingFiles(false);
          }
        }}
        onDrop={onDrop}
      >
        {count === 0 ? <ImageIcon size={28} /> : <UploadIcon size={22} />}
        <p className="persona-dropzone__text">
          {full
            ? `${REFERENCE_LIMIT} images chosen: remove one to add another.`
            : droppingFiles
              ? 'Drop the images to upload them'
              : 'Drag images here, or'}
        </p>
        <div className="cluster">
          <Button size="sm" disabled={full} onClick={() => inputRef.current?.click()}>
            Upload images
          </Button>
          <Button size="sm" variant="ghost" disabled={full} onClick={() => setPicking(true)}>
            Choose from my generations
          </Button>
        </div>
      </div>
      <input
        ref={inputRef}
        type="file"
        accept={REFERENCE_TYPES.join(',')}
        multiple
        hidden
        aria-label="Upload reference images"
        data-testid="persona-file-input"
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
      {error && (
        <p className="field__error" id={errorId}>
          <AlertIcon size={16} />
          <span>{error}</span>
        </p>
      )}
      <AssetPicker
        open={picking}
        onClose={() => setPicking(false)}
        already={new Set(references.assetIds)}
        room={references.room}
        onPick={(assets) => {
          references.addAssets(assets);
          setNote(null);
          onChange?.();
        }}
      />
    </fieldset>
  );
}
