import { useState } from 'react';
import type { AssetKind, ReferenceAssetFragment } from '../../../gql/graphql';
import { LibraryPickerAssetsDocument } from '../../../gql/graphql';
import { Button, Dialog, EmptyState, ErrorState, ImageIcon, LoadingState } from '../../../ui';
import { errorMessage, readApiError } from '../../account/api-errors';
import { useLibraryList } from '../use-library-list';

/** Image types a reference may be; generated clips cannot guide a picture. */
const STILL_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

const SOURCES: Array<{ kind: AssetKind; label: string; empty: string }> = [
  {
    kind: 'OUTPUT',
    label: 'My generations',
    empty: 'Images you generate appear here, ready to use as references.',
  },
  {
    kind: 'REFERENCE',
    label: 'My uploads',
    empty: 'Images you upload as references appear here, to use again.',
  },
];

/** One source's images (generated or uploaded), newest first, with the next page on demand. */
function PickerGrid({
  kind,
  empty,
  chosen,
  already,
  full,
  onToggle,
}: {
  kind: AssetKind;
  empty: string;
  chosen: ReadonlyMap<string, ReferenceAssetFragment>;
  already: ReadonlySet<string>;
  full: boolean;
  onToggle: (asset: ReferenceAssetFragment) => void;
}) {
  const list = useLibraryList(LibraryPickerAssetsDocument, {
    field: 'assets',
    variables: { kind },
    failureTitle: 'Could not load more images',
  });
  if (!list.loaded) {
    return list.error ? (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t load your images"
        message={errorMessage(readApiError(list.error))}
        onRetry={list.retry}
        retrying={list.retrying}
      />
    ) : (
      <LoadingState compact label="Loading your images…" />
    );
  }
  const stills = list.items.filter(
    (asset) => STILL_TYPES.has(asset.contentType) && asset.durationSeconds == null,
  );
  if (stills.length === 0 && !list.canLoadMore) {
    return (
      <EmptyState
        compact
        headingLevel={3}
        icon={<ImageIcon size={24} />}
        title="No images here yet"
        message={empty}
      />
    );
  }
  const { canLoadMore, loadingMore, loadMore, sentinel } = list;
  return (
    <>
      <ul className="image-choices asset-picker__grid" aria-label="Images to choose from">
        {stills.map((asset, index) => {
          const added = already.has(asset.id);
          const picked = added || chosen.has(asset.id);
          return (
            <li key={asset.id}>
              <button
                type="button"
                className="image-choice asset-picker__item"
                aria-pressed={picked}
                aria-label={added ? `Image ${index + 1} (already added)` : `Image ${index + 1}`}
                disabled={added || (full && !picked)}
                onClick={() => onToggle(asset)}
              >
                <img src={asset.thumbnailUrl ?? asset.url} alt="" loading="lazy" />
              </button>
            </li>
          );
        })}
      </ul>
      {canLoadMore && (
        <div className="library-more" ref={sentinel}>
          <Button size="sm" loading={loadingMore} onClick={loadMore}>
            Load more
          </Button>
        </div>
      )}
    </>
  );
}

export interface AssetPickerProps {
  open: boolean;
  onClose: () => void;
  /** Ids already among the references: shown as added, not chosen again. */
  already: ReadonlySet<string>;
  /** How many more images there is room for. */
  room: number;
  /** Called with the chosen images, in the order they were picked. */
  onPick: (assets: ReferenceAssetFragment[]) => void;
}

/**
 * "Choose from my images": a dialog of my generated stills (and, on the second tab, my earlier
 * uploads) to add as references without uploading them again. Several can be picked at once.
 */
export function AssetPicker({ open, onClose, already, room, onPick }: AssetPickerProps) {
  const [source, setSource] = useState<AssetKind>('OUTPUT');
  const [chosen, setChosen] = useState(() => new Map<string, ReferenceAssetFragment>());
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    // Each opening starts with nothing picked.
    setWasOpen(open);
    if (open) setChosen(new Map());
  }
  const current = SOURCES.find((entry) => entry.kind === source) ?? SOURCES[0]!;
  const full = chosen.size >= room;

  function toggle(asset: ReferenceAssetFragment) {
    setChosen((before) => {
      const next = new Map(before);
      if (next.has(asset.id)) next.delete(asset.id);
      else if (next.size < room) next.set(asset.id, asset);
      return next;
    });
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      className="asset-picker"
      title="Choose reference images"
      description={
        room > 0
          ? `Pick up to ${room} image${room === 1 ? '' : 's'}. ${chosen.size} chosen.`
          : 'There is no room for more images: remove one first.'
      }
      actions={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="primary"
            disabled={chosen.size === 0}
            onClick={() => {
              onPick([...chosen.values()]);
              onClose();
            }}
          >
            {chosen.size > 1 ? `Add ${chosen.size} images` : 'Add image'}
          </Button>
        </>
      }
    >
      <div className="asset-picker__sources" role="group" aria-label="Show">
        {SOURCES.map((entry) => (
          <button
            key={entry.kind}
            type="button"
            className="asset-picker__source"
            aria-pressed={entry.kind === source}
            onClick={() => setSource(entry.kind)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <div className="asset-picker__body">
        {open && (
          <PickerGrid
            key={current.kind}
            kind={current.kind}
            empty={current.empty}
            chosen={chosen}
            already={already}
            full={full}
            onToggle={toggle}
          />
        )}
      </div>
    </Dialog>
  );
}
