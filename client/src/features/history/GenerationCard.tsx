import { Link } from 'react-router';
import type { GenerationCardFieldsFragment } from '../../gql/graphql';
import { ImageIcon, ProgressBar, StatusBadge } from '../../ui';
import { creditsLabel } from '../credits/format';
import { formatDateTime } from '../server/format';
import { STATUS, isActive, kindLabel, promptExcerpt } from '../generate/generation-format';

/** The picture of a card: the first output's thumbnail, else the latest preview. */
export function cardPicture(generation: GenerationCardFieldsFragment): string | null {
  const output = generation.outputs[0];
  if (output) return output.thumbnailUrl ?? output.url;
  return generation.previews[0]?.url ?? null;
}

/** The recipe and characters a generation was made with, as they were named then. */
function CardLibrary({ generation }: { generation: GenerationCardFieldsFragment }) {
  const recipe = generation.provenance?.recipe;
  const characters = generation.provenance?.characters ?? [];
  if (!recipe && characters.length === 0) return null;
  return (
    <p className="generation-card__library" data-testid="generation-card-library">
      {recipe && (
        <span>
          Recipe: {recipe.name} · v{recipe.version}
        </span>
      )}
      {characters.length > 0 && (
        <span>With {characters.map((character) => character.name).join(', ')}</span>
      )}
    </p>
  );
}

/** One generation in History: picture, prompt, status (with progress while it runs), cost, time. */
export function GenerationCard({ generation }: { generation: GenerationCardFieldsFragment }) {
  const status = STATUS[generation.status];
  const active = isActive(generation.status);
  const picture = cardPicture(generation);
  const created = new Date(generation.createdAt);
  return (
    <li className="generation-card" data-testid="generation-card" data-status={generation.status}>
      <Link className="generation-card__link" to={`/history/${generation.id}`}>
        <span className="generation-card__media">
          {picture ? <img src={picture} alt="" loading="lazy" /> : <ImageIcon size={28} />}
        </span>
        <span className="generation-card__prompt">{promptExcerpt(generation.prompt)}</span>
      </Link>
      <CardLibrary generation={generation} />
      <div className="generation-card__meta">
        <StatusBadge tone={status.tone} pulse={status.pulse}>
          {status.label}
        </StatusBadge>
        <span className="generation-card__kind">
          {kindLabel(generation.kind)}
          {generation.count > 1 ? ` × ${generation.count}` : ''}
        </span>
      </div>
      {active && (
        <ProgressBar
          label={generation.status === 'QUEUED' ? 'Waiting to start' : 'Generating'}
          value={
            generation.status === 'RUNNING' && generation.progress > 0 ? generation.progress : null
          }
        />
      )}
      <p className="generation-card__facts">
        <span>
          {creditsLabel(generation.costCredits)}
          {active ? ' held' : generation.status === 'SUCCEEDED' ? '' : ' refunded'}
        </span>
        <span aria-hidden="true"> · </span>
        <time dateTime={generation.createdAt}>
          {Number.isNaN(created.getTime()) ? generation.createdAt : formatDateTime(created)}
        </time>
      </p>
    </li>
  );
}
