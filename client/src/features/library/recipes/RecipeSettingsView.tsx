import { Fragment } from 'react';
import { Link } from 'react-router';
import type { RecipeVersionFieldsFragment } from '../../../gql/graphql';
import {
  formatSeconds,
  kindLabel,
  paramLabel,
  paramValueText,
} from '../../generate/generation-format';
import type { Provider } from '../../generate/form-state';
import { formatDateTime } from '../../server/format';
import { RenderedPrompt } from '../templates/PreviewOutput';
import { variableLabel } from '../templates/VariableInputs';

/** Names of the provider and model from the catalogue, where it still has them. */
export function modelNames(providers: readonly Provider[], provider: string, model: string) {
  const foundProvider = providers.find((entry) => entry.id === provider);
  const foundModel = foundProvider?.models.find((entry) => entry.id === model);
  return {
    provider: foundProvider?.name ?? provider,
    model: foundModel?.name ?? model,
    offered: Boolean(foundModel),
  };
}

/** "16:9", "1024 × 768", "Model default": the size a version saved. */
export function sizeText(settings: RecipeVersionFieldsFragment['settings']): string {
  if (settings.width !== null && settings.height !== null) {
    return `${settings.width} × ${settings.height} pixels`;
  }
  return settings.aspectRatio ?? 'Model default';
}

/**
 * One version's preset, read-only: the model, the prompt or the template's text as saved (with
 * its default values), the settings, the characters, the AI model, the reference images and
 * the note.
 */
export function RecipeSettingsView({
  version,
  providers,
}: {
  version: RecipeVersionFieldsFragment;
  providers: readonly Provider[];
}) {
  const names = modelNames(providers, version.provider, version.model);
  const settings = version.settings;
  const params = Object.entries(settings.params);
  const template = version.template;
  // Without an AI model of its own, a run uses the first character's.
  const firstModel = version.characters[0]?.aiModel ?? null;
  return (
    <dl className="facts recipe-facts" data-testid="recipe-settings">
      <dt>Model</dt>
      <dd>
        {names.provider} · {names.model} ({kindLabel(version.kind).toLowerCase()})
        {!names.offered && <span className="recipe-facts__warning"> · no longer offered</span>}
      </dd>
      {template ? (
        <>
          <dt>Template</dt>
          <dd>
            {version.sourceTemplate ? (
              <Link to={`/library/templates/${version.sourceTemplate.id}`}>{template.name}</Link>
            ) : (
              <>
                {template.name} <span className="muted">(deleted since)</span>
              </>
            )}
            <div className="recipe-facts__text">
              <RenderedPrompt prompt={template.body} />
            </div>
          </dd>
          {template.variables.length > 0 && (
            <>
              <dt>Values</dt>
              <dd>
                <ul className="recipe-facts__values">
                  {template.variables.map((variable) => {
                    const value = version.variables[variable.name];
                    const text =
                      value !== undefined && value !== null && value !== '' ? String(value) : null;
                    return (
                      <li key={variable.name}>
                        <span className="muted">{variableLabel(variable)}:</span>{' '}
                        {text ??
                          (variable.defaultValue ? (
                            <span className="muted">
                              template default ({variable.defaultValue})
                            </span>
                          ) : (
                            <span className="muted">
                              {variable.required ? 'asked at each run' : 'empty'}
                            </span>
                          ))}
                      </li>
                    );
                  })}
                </ul>
              </dd>
            </>
          )}
        </>
      ) : (
        <>
          <dt>Prompt</dt>
          <dd className="recipe-facts__prose">{settings.prompt ?? '—'}</dd>
        </>
      )}
      {settings.negativePrompt && (
        <>
          <dt>Negative prompt</dt>
          <dd className="recipe-facts__prose">{settings.negativePrompt}</dd>
        </>
      )}
      <dt>{version.kind === 'VIDEO' ? 'Clips' : 'Images'}</dt>
      <dd>{settings.count ?? 1}</dd>
      <dt>Size</dt>
      <dd>{sizeText(settings)}</dd>
      {settings.durationSeconds !== null && (
        <>
          <dt>Length</dt>
          <dd>{formatSeconds(settings.durationSeconds)}</dd>
        </>
      )}
      <dt>Seed</dt>
      <dd>{settings.seed ?? 'Random each run'}</dd>
      {params.map(([name, value]) => (
        <Fragment key={name}>
          <dt>{paramLabel(name)}</dt>
          <dd>{paramValueText(value)}</dd>
        </Fragment>
      ))}
      <dt>Characters</dt>
      <dd>
        {version.characters.length > 0
          ? version.characters.map((character, index) => (
              <Fragment key={character.id}>
                {index > 0 && ', '}
                <Link to={`/library/characters/${character.id}`}>{character.name}</Link>
              </Fragment>
            ))
          : 'None'}
      </dd>
      <dt>AI model</dt>
      <dd>
        {version.aiModel ? (
          <Link to={`/library/models/${version.aiModel.id}`}>{version.aiModel.name}</Link>
        ) : firstModel ? (
          <>
            <Link to={`/library/models/${firstModel.id}`}>{firstModel.name}</Link>{' '}
            <span className="muted">({version.characters[0]!.name}’s)</span>
          </>
        ) : (
          'None'
        )}
      </dd>
      {version.references.length > 0 && (
        <>
          <dt>References</dt>
          <dd>
            <ul className="recipe-facts__references" aria-label="Reference images">
              {version.references.map((reference, index) => (
                <li key={reference.id}>
                  <img
                    src={reference.thumbnailUrl ?? reference.url}
                    alt={`Reference image ${index + 1}`}
                  />
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {version.note && (
        <>
          <dt>Note</dt>
          <dd className="recipe-facts__prose">{version.note}</dd>
        </>
      )}
      <dt>Saved</dt>
      <dd>
        <time dateTime={version.createdAt}>{formatDateTime(new Date(version.createdAt))}</time>
      </dd>
    </dl>
  );
}
