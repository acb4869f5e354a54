import { useState } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  AssetUsageDocument,
  DeleteAssetDocument,
  GenerationsUsingAssetDocument,
} from '../../gql/graphql';
import type { AssetUsageQuery } from '../../gql/graphql';
import {
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  ImageIcon,
  LoadingState,
  useToast,
} from '../../ui';
import { ItemPageState } from '../../app/ItemPageState';
import { appendPage, useLoadMore } from '../../app/use-load-more';
import { errorMessage, hasErrorCode, readApiError } from '../account/api-errors';
import { GenerationGrid } from '../history/GenerationGrid';
import { useGenerationUpdates } from '../history/use-generation-updates';
import { formatDateTime } from '../server/format';
import '../history/history.css';
import './assets.css';

/** Generations per page of "what used this image?". */
export const USES_PAGE_SIZE = 24;

type UsedAsset = NonNullable<AssetUsageQuery['asset']>;

/** "812 bytes", "240 KB", "1.5 MB": a file's size. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const format = (value: number) =>
    new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / (1024 * 1024))} MB`;
}

function kindText(asset: UsedAsset): string {
  switch (asset.kind) {
    case 'REFERENCE':
      return 'Uploaded reference image';
    case 'OUTPUT':
      return 'Result of a generation';
    default:
      return asset.kind.charAt(0) + asset.kind.slice(1).toLowerCase();
  }
}

/** Why a delete was refused, in words for the dialog. */
function deleteRefusal(error: unknown): string {
  const api = readApiError(error);
  if (api.code === 'ASSET_NOT_DELETABLE') {
    return api.serverMessage || 'Only uploaded reference images can be deleted here.';
  }
  if (api.code === 'NOT_FOUND') return 'This image has already been deleted.';
  return errorMessage(api);
}

/**
 * The generations that used the image, newest first, kept live, the next page loading near the
 * end.
 */
function GenerationsUsing({ assetId }: { assetId: string }) {
  const query = useQuery(GenerationsUsingAssetDocument, {
    variables: { assetId, first: USES_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  // Generations still running move on in place.
  useGenerationUpdates();
  const connection = query.data?.generationsUsingAsset;
  const pageInfo = connection?.pageInfo;
  const { loadingMore, loadMore } = useLoadMore({
    pageInfo,
    pageSize: USES_PAGE_SIZE,
    failureTitle: 'Could not load more generations',
    toastId: 'asset-uses-more',
    fetchMore: ({ variables }) =>
      query.fetchMore({
        variables: { assetId, ...variables },
        // No cache policy joins these pages: the next one is added to the list here.
        updateQuery: (previous, { fetchMoreResult }) =>
          appendPage(previous, fetchMoreResult, 'generationsUsingAsset'),
      }),
  });

  if (!connection) {
    return query.error ? (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t load the generations that used it"
        message={errorMessage(readApiError(query.error))}
        onRetry={() => void query.refetch()}
        retrying={query.loading}
      />
    ) : (
      <LoadingState compact label="Loading the generations that used it…" />
    );
  }
  if (connection.edges.length === 0) {
    return (
      <EmptyState
        compact
        headingLevel={3}
        icon={<ImageIcon size={24} />}
        title="No generation has used it yet"
        message="Generations that send this image, or use a character or AI model it belongs to, appear here."
      />
    );
  }
  return (
    <GenerationGrid
      label="Generations that used this image"
      generations={connection.edges.map((edge) => edge.node)}
      canLoadMore={Boolean(pageInfo?.hasNextPage && pageInfo.endCursor)}
      loadingMore={loadingMore}
      loadMore={() => void loadMore()}
    />
  );
}

/** The characters or AI models that use the image, as links to them. */
function Users({
  label,
  items,
  href,
  none,
}: {
  label: string;
  items: UsedAsset['usedByCharacters'];
  href: (id: string) => string;
  none: string;
}) {
  if (items.length === 0) return <p className="field__hint">{none}</p>;
  return (
    <ul className="asset-users" aria-label={label}>
      {items.map((item) => {
        const picture = item.cover?.thumbnailUrl ?? item.cover?.url ?? null;
        return (
          <li key={item.id}>
            <Link className="asset-users__link" to={href(item.id)}>
              <span className="asset-users__picture">
                {picture ? <img src={picture} alt="" /> : <ImageIcon size={18} />}
              </span>
              <span>{item.name}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** What deleting the image takes it from, for the confirmation. */
function deleteDescription(asset: UsedAsset): string {
  const users = [
    ...asset.usedByCharacters.map((character) => `the character ${character.name}`),
    ...asset.usedByAiModels.map((model) => `the AI model ${model.name}`),
  ];
  const from =
    users.length > 0
      ? `It is removed from storage and from ${users.join(', ')}.`
      : 'It is removed from storage; no character or AI model uses it.';
  return `${from} Generations that used it keep their results and its fingerprint, but those that sent it can no longer be run again exactly. This can’t be undone.`;
}

function AssetUsageView({ asset }: { asset: UsedAsset }) {
  const apollo = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const [deleteAsset] = useMutation(DeleteAssetDocument);
  const [confirming, setConfirming] = useState(false);
  const deletable = asset.kind === 'REFERENCE';
  const created = new Date(asset.createdAt);

  async function confirmDelete() {
    try {
      await deleteAsset({ variables: { id: asset.id } });
    } catch (failure) {
      throw new Error(deleteRefusal(failure), { cause: failure });
    }
    toast.show({ tone: 'success', message: 'The image is deleted.' });
    // Back to where the person came from (a generation, a character), else to History.
    if (location.key !== 'default') await navigate(-1);
    else await navigate('/history', { replace: true });
    apollo.cache.evict({ id: apollo.cache.identify({ __typename: 'Asset', id: asset.id }) });
    apollo.cache.gc();
  }

  return (
    <div className="asset-page">
      <header className="page-header">
        <title>What used this image? · aiofm</title>
        <h1>What used this image?</h1>
        <p className="page-header__lead">
          The characters and AI models that use it, and the generations that used it.
        </p>
      </header>

      <div className="detail-layout">
        <Card title="The image" className="asset-page__image">
          <a href={asset.url} target="_blank" rel="noreferrer" className="asset-page__picture">
            <img src={asset.url} alt="The image at full size" />
          </a>
          <dl className="facts" data-testid="asset-facts">
            <dt>Kind</dt>
            <dd>{kindText(asset)}</dd>
            <dt>Type</dt>
            <dd>{asset.contentType}</dd>
            <dt>Size</dt>
            <dd>
              {asset.width} × {asset.height} pixels · {fileSize(asset.byteSize)}
            </dd>
            <dt>Added</dt>
            <dd>{Number.isNaN(created.getTime()) ? asset.createdAt : formatDateTime(created)}</dd>
            <dt>SHA-256</dt>
            <dd>
              <code className="asset-page__hash">{asset.sha256}</code>
            </dd>
          </dl>
          {deletable ? (
            <div className="asset-page__delete">
              <Button variant="danger" onClick={() => setConfirming(true)}>
                Delete image
              </Button>
            </div>
          ) : (
            <p className="field__hint">
              A result is deleted with its generation, from the generation’s page.
            </p>
          )}
        </Card>
        <div className="detail-layout__side">
          <Card title="Characters">
            <Users
              label="Characters that use this image"
              items={asset.usedByCharacters}
              href={(id) => `/library/characters/${id}`}
              none="No character uses it."
            />
          </Card>
          <Card title="AI models">
            <Users
              label="AI models that use this image"
              items={asset.usedByAiModels}
              href={(id) => `/library/models/${id}`}
              none="No AI model uses it."
            />
          </Card>
        </div>
      </div>

      <Card title="Generations">
        <GenerationsUsing assetId={asset.id} />
      </Card>

      <ConfirmDialog
        open={confirming}
        title="Delete this image?"
        description={deleteDescription(asset)}
        confirmLabel="Delete image"
        onConfirm={confirmDelete}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

/** /assets/:id, "What used this image?": the image, who uses it, and deleting an upload. */
export function AssetPage() {
  const { id = '' } = useParams();
  // A query of its own per image (see GenerationDetailPage).
  return <AssetLoader key={id} id={id} />;
}

function AssetLoader({ id }: { id: string }) {
  const query = useQuery(AssetUsageDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const asset = query.data?.asset;

  if (asset) return <AssetUsageView asset={asset} />;
  return (
    <ItemPageState
      what="image"
      missing={hasErrorCode(query.error, 'NOT_FOUND') || Boolean(query.data && !asset)}
      error={query.error}
      onRetry={() => void query.refetch()}
      retrying={query.loading}
      missingMessage="There is no image at this address for your account. It may have been deleted."
      away={{ to: '/history', label: 'Go to History' }}
    />
  );
}
