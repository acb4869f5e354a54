import { Fragment } from 'react';
import { useQuery } from '@apollo/client/react';
import { GenerationCatalogDocument } from '../../gql/graphql';
import type { GenerationDetailFragment } from '../../gql/graphql';
import { creditsLabel } from '../credits/format';
import { formatDateTime } from '../server/format';
import {
  formatElapsed,
  formatSeconds,
  isActive,
  paramLabel,
  paramValueText,
} from '../generate/generation-format';

function when(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatDateTime(date);
}

/** Names of the provider and model from the catalogue, where it still has them. */
function useNames(generation: GenerationDetailFragment) {
  const catalogue = useQuery(GenerationCatalogDocument);
  const provider = catalogue.data?.providers.find((entry) => entry.id === generation.provider);
  const model = provider?.models.find((entry) => entry.id === generation.model);
  return {
    provider: provider?.name ?? generation.provider,
    model: model?.name ?? generation.model,
  };
}

/** What was asked for: provider, model and version, prompts, size, count, length, seed, params. */
export function GenerationSettings({ generation }: { generation: GenerationDetailFragment }) {
  const names = useNames(generation);
  const params = Object.entries(generation.params);
  return (
    <dl className="facts generation-facts" data-testid="generation-settings">
      <dt>Provider</dt>
      <dd>{names.provider}</dd>
      <dt>Model</dt>
      <dd>
        {names.model}
        {generation.modelVersion && (
          <span className="generation-facts__version"> · version {generation.modelVersion}</span>
        )}
      </dd>
      <dt>Prompt</dt>
      <dd className="generation-facts__prompt">{generation.prompt}</dd>
      {generation.negativePrompt && (
        <>
          <dt>Negative prompt</dt>
          <dd className="generation-facts__prompt">{generation.negativePrompt}</dd>
        </>
      )}
      <dt>Size</dt>
      <dd>
        {generation.width} × {generation.height} ({generation.aspectRatio})
      </dd>
      <dt>{generation.kind === 'VIDEO' ? 'Clips' : 'Images'}</dt>
      <dd>{generation.count}</dd>
      {generation.durationSeconds !== null && (
        <>
          <dt>Length</dt>
          <dd>{formatSeconds(generation.durationSeconds)}</dd>
        </>
      )}
      <dt>Seed</dt>
      <dd>{generation.seed}</dd>
      {params.map(([name, value]) => (
        <Fragment key={name}>
          <dt>{paramLabel(name)}</dt>
          <dd>{paramValueText(value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** What it cost and when each step happened. */
export function GenerationTiming({ generation }: { generation: GenerationDetailFragment }) {
  const took =
    generation.startedAt && generation.finishedAt
      ? formatElapsed(generation.startedAt, generation.finishedAt)
      : null;
  let costNote: string;
  if (generation.status === 'SUCCEEDED') costNote = 'spent';
  else if (isActive(generation.status)) costNote = 'held until it ends';
  else costNote = 'refunded';
  return (
    <dl className="facts generation-facts">
      <dt>Cost</dt>
      <dd>
        {creditsLabel(generation.costCredits)} {costNote}
      </dd>
      <dt>Created</dt>
      <dd>{when(generation.createdAt)}</dd>
      <dt>Started</dt>
      <dd>{when(generation.startedAt)}</dd>
      <dt>Finished</dt>
      <dd>{when(generation.finishedAt)}</dd>
      {took && (
        <>
          <dt>Took</dt>
          <dd>{took}</dd>
        </>
      )}
      {generation.attempts > 1 && (
        <>
          <dt>Attempts</dt>
          <dd>{generation.attempts}</dd>
        </>
      )}
    </dl>
  );
}
