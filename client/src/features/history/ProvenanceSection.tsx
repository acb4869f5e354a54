import { Fragment, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { ProvenanceAssetDocument, RunGenerationAgainDocument } from '../../gql/graphql';
import type { GenerationDetailFragment } from '../../gql/graphql';
import {
  Alert,
  Button,
  Card,
  ImageIcon,
  RefreshIcon,
  Spinner,
  StatusBadge,
  buttonClass,
  useToast,
} from '../../ui';
import { NETWORK_ERROR, hasErrorCode, readApiError } from '../account/api-errors';
import { startProblems } from '../generate/start-errors';
import {
  aiModelSinceThen,
  characterSinceThen,
  referenceTiles,
  sentImageDeleted,
  shortHash,
  sinceThenText,
  sourceText,
  templateSinceThen,
} from './provenance';
import type { LibrarySnapshot, ReferenceTile, SinceThen } from './provenance';

function SinceThenBadge({ state }: { state: SinceThen }) {
  const text = sinceThenText(state);
  if (!text) return null;
  return (
    <StatusBadge tone={state === 'deleted' ? 'warning' : 'info'} pulse={false}>
      {text}
    </StatusBadge>
  );
}

/** A character or AI model as the generation used it. */
function SnapshotEntry({
  snapshot,
  state,
  href,
  kind,
}: {
  snapshot: LibrarySnapshot;
  state: SinceThen;
  href: string;
  kind: 'character' | 'AI model';
}) {
  const images = snapshot.referenceHashes.length;
  return (
    <li className="provenance-entry" data-testid="provenance-entry">
      <div className="provenance-entry__title">
        {state === 'deleted' ? (
          <span className="provenance-entry__name">{snapshot.name}</span>
        ) : (
          <Link className="provenance-entry__name" to={href}>
            {snapshot.name}
          </Link>
        )}
        <SinceThenBadge state={state} />
      </div>
      {snapshot.description && <p className="provenance-entry__text">{snapshot.description}</p>}
      {snapshot.traits.length > 0 && (
        <dl className="provenance-traits" aria-label={`Traits of ${snapshot.name}`}>
          {snapshot.traits.map((trait) => (
            <Fragment key={trait.name}>
              <dt>{trait.name.replace(/_/g, ' ')}</dt>
              <dd>{trait.value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {snapshot.tags.length > 0 && (
        <ul className="provenance-tags" aria-label={`Tags of ${snapshot.name}`}>
          {snapshot.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <p className="provenance-entry__meta">
        {images === 0
          ? `No reference images then (${kind})`
          : `${images} reference image${images === 1 ? '' : 's'} then`}
      </p>
    </li>
  );
}

/** An image neither sent nor with its character or model any more: the server says if it exists. */
function useLookedUp(tile: ReferenceTile) {
  const query = useQuery(ProvenanceAssetDocument, {
    variables: { id: tile.assetId },
    skip: tile.state !== 'unknown',
  });
  if (tile.state !== 'unknown') return tile;
  const asset = query.data?.asset;
  if (asset)
    return { ...tile, state: 'present' as const, picture: asset.thumbnailUrl ?? asset.url };
  if (query.error && hasErrorCode(query.error, 'NOT_FOUND')) {
    return { ...tile, state: 'deleted' as const };
  }
  return tile;
}

function ReferenceRow({ tile: given, index }: { tile: ReferenceTile; index: number }) {
  const tile = useLookedUp(given);
  const label = `Reference image ${index + 1}`;
  let picture: ReactNode;
  if (tile.state === 'deleted') {
    picture = (
      <span className="provenance-reference__picture provenance-reference__picture--gone">
        <ImageIcon size={20} />
      </span>
    );
  } else if (tile.picture) {
    picture = (
      <Link
        className="provenance-reference__picture"
        to={`/assets/${tile.assetId}`}
        aria-label={`${label}: what used this image?`}
      >
        <img src={tile.picture} alt="" />
      </Link>
    );
  } else {
    picture = (
      <span className="provenance-reference__picture">
        <Spinner size="sm" />
      </span>
    );
  }
  return (
    <li
      className="provenance-reference"
      data-testid="provenance-reference"
      data-state={tile.state}
      data-sent={tile.sent}
    >
      {picture}
      <div className="provenance-reference__body">
        <span className="provenance-reference__source">{sourceText(tile)}</span>
        <span className="provenance-reference__facts">
          {tile.sent ? 'Sent' : 'Not sent: the model takes fewer images'}
          {tile.state === 'deleted' && (
            <strong className="provenance-reference__deleted"> · deleted since</strong>
          )}
        </span>
        <code className="provenance-reference__hash" title={`SHA-256 ${tile.sha256}`}>
          {shortHash(tile.sha256)}
        </code>
      </div>
    </li>
  );
}

function newKey(): string {
  return crypto.randomUUID();
}

/**
 * "Run again exactly": a new generation with the same final prompt, settings, seed, parameters
 * and images. One idempotency key per intended run: a second press while it is being sent, or a
 * retry after the answer got lost, is the same run; a refusal or a success ends it.
 */
function RunAgain({
  generation,
  blocked,
}: {
  generation: GenerationDetailFragment;
  blocked: boolean;
}) {
  const navigate = useNavigate();
  const toast = useToast();
  const [run, { loading }] = useMutation(RunGenerationAgainDocument);
  const key = useRef<string | null>(null);
  const busy = useRef(false);
  const [problem, setProblem] = useState<{ text: string; aboutCredits: boolean } | null>(null);

  async function runAgain() {
    if (busy.current || blocked) return;
    busy.current = true;
    key.current ??= newKey();
    setProblem(null);
    try {
      const result = await run({
        variables: { id: generation.id, idempotencyKey: key.current },
      });
      const made = result.data?.runGenerationAgain;
      if (!made) return;
      key.current = null;
      toast.show({ tone: 'success', message: 'Started again with exactly the same settings.' });
      await navigate(`/history/${made.id}`);
    } catch (failure) {
      const api = readApiError(failure);
      if (api.code !== NETWORK_ERROR) key.current = null;
      const problems = startProblems(failure, []);
      const text =
        api.code === 'NOT_FOUND'
          ? api.serverMessage || 'An image this generation used has been deleted.'
          : problems.form ||
            Object.values(problems.fields).join(' ') ||
            'It could not be started again.';
      setProblem({ text, aboutCredits: problems.aboutCredits });
    } finally {
      busy.current = false;
    }
  }

  return (
    <div className="provenance-run">
      {blocked ? (
        <Alert tone="warning" title="This can’t be made again exactly">
          An image it sent has been deleted since. Use its settings in the Generate form with other
          images instead.
        </Alert>
      ) : (
        <p className="field__hint">
          Makes a new generation with the same final prompt, settings, seed, parameters and images.
          It costs {generation.costCredits === 1 ? '1 credit' : `${generation.costCredits} credits`}{' '}
          again.
        </p>
      )}
      {problem && (
        <Alert
          tone="danger"
          actions={
            problem.aboutCredits ? (
              <Link className={buttonClass('secondary', 'sm')} to="/credits">
                Get credits
              </Link>
            ) : undefined
          }
        >
          {problem.text}
        </Alert>
      )}
      <div className="cluster">
        <Button
          variant="primary"
          icon={<RefreshIcon size={18} />}
          loading={loading}
          disabled={blocked}
          onClick={() => void runAgain()}
        >
          Run again exactly
        </Button>
      </div>
    </div>
  );
}

function Variables({ values }: { values: Record<string, unknown> }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return null;
  return (
    <dl className="provenance-variables" aria-label="Variable values">
      {entries.map(([name, value]) => (
        <Fragment key={name}>
          <dt>{name}</dt>
          <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/**
 * What a generation was made from, as it was when it started: its recipe and version, the
 * template and the values of its variables, the characters and AI model (each marked when it has
 * been deleted or changed since), every reference image with where it came from, whether it was
 * sent and its hash, the prompt as written and what was added to it; and running it again
 * exactly.
 */
export function ProvenanceSection({ generation }: { generation: GenerationDetailFragment }) {
  const snapshot = generation.provenance;
  const tiles = referenceTiles(generation);
  const blocked = sentImageDeleted(tiles);

  if (!snapshot) {
    return (
      <Card title="Provenance" className="provenance">
        <p className="field__hint">
          There is no record of what this generation was made from beyond its settings: it was made
          before the library existed.
        </p>
        <RunAgain generation={generation} blocked={false} />
      </Card>
    );
  }

  const recipe = snapshot.recipe;
  const currentRecipe =
    generation.recipe && generation.recipe.id === recipe?.id ? generation.recipe : null;
  const template = snapshot.template;
  const templateState = template ? templateSinceThen(template, generation.template) : null;
  const fromLibrary = Boolean(
    recipe || template || snapshot.characters.length > 0 || snapshot.aiModel,
  );

  return (
    <Card
      title="Provenance"
      description="What this generation was made from, as it was when it started."
      className="provenance"
    >
      {snapshot.rerunOf && (
        <p className="provenance__rerun">
          Made again exactly from{' '}
          <Link to={`/history/${snapshot.rerunOf}`}>an earlier generation</Link>.
        </p>
      )}
      {!fromLibrary && (
        <p className="field__hint">
          Made from the form alone: no recipe, template, characters or AI model.
        </p>
      )}
      <dl className="facts provenance__facts">
        {recipe && (
          <>
            <dt>Recipe</dt>
            <dd data-testid="provenance-recipe">
              {currentRecipe ? (
                <Link to={`/library/recipes/${recipe.id}`}>{recipe.name}</Link>
              ) : (
                recipe.name
              )}{' '}
              · version {recipe.version}
              {!currentRecipe && (
                <>
                  {' '}
                  <SinceThenBadge state="deleted" />
                </>
              )}
              {currentRecipe && currentRecipe.name !== recipe.name && (
                <span className="provenance__note"> (now called {currentRecipe.name})</span>
              )}
              {currentRecipe && currentRecipe.latestVersionNumber > recipe.version && (
                <span className="provenance__note">
                  {' '}
                  (its latest version is {currentRecipe.latestVersionNumber})
                </span>
              )}
            </dd>
          </>
        )}
        {template && templateState && (
          <>
            <dt>Template</dt>
            <dd data-testid="provenance-template">
              {template.name} <SinceThenBadge state={templateState} />
              <pre className="provenance__text" aria-label="Template text as used">
                {template.body}
              </pre>
              <Variables values={snapshot.variables} />
            </dd>
          </>
        )}
        <dt>Prompt as written</dt>
        <dd>
          <pre className="provenance__text" data-testid="provenance-base-prompt">
            {snapshot.basePrompt}
          </pre>
        </dd>
        {snapshot.addedContext && (
          <>
            <dt>Added from the library</dt>
            <dd>
              <pre className="provenance__text" data-testid="provenance-added-context">
                {snapshot.addedContext}
              </pre>
            </dd>
          </>
        )}
      </dl>

      {snapshot.characters.length > 0 && (
        <section className="provenance__group" aria-labelledby={`${generation.id}-characters`}>
          <h3 id={`${generation.id}-characters`}>Characters</h3>
          <ul className="provenance-entries">
            {snapshot.characters.map((character) => (
              <SnapshotEntry
                key={character.id}
                kind="character"
                snapshot={character}
                href={`/library/characters/${character.id}`}
                state={characterSinceThen(
                  character,
                  generation.characters.find((entry) => entry.id === character.id),
                )}
              />
            ))}
          </ul>
        </section>
      )}
      {snapshot.aiModel && (
        <section className="provenance__group" aria-labelledby={`${generation.id}-ai-model`}>
          <h3 id={`${generation.id}-ai-model`}>AI model</h3>
          <ul className="provenance-entries">
            <SnapshotEntry
              kind="AI model"
              snapshot={snapshot.aiModel}
              href={`/library/models/${snapshot.aiModel.id}`}
              state={aiModelSinceThen(snapshot.aiModel, generation.aiModel)}
            />
          </ul>
        </section>
      )}
      {tiles.length > 0 && (
        <section className="provenance__group" aria-labelledby={`${generation.id}-references`}>
          <h3 id={`${generation.id}-references`}>Images used</h3>
          <ol className="provenance-references" aria-label="Images used, in the order sent">
            {tiles.map((tile, index) => (
              <ReferenceRow key={tile.assetId} tile={tile} index={index} />
            ))}
          </ol>
        </section>
      )}
      <RunAgain generation={generation} blocked={blocked} />
    </Card>
  );
}
