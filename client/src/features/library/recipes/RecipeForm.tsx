import { useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useBlocker } from 'react-router';
import {
  CreateRecipeDocument,
  PersonaOptionsDocument,
  PromptTemplateDocument,
  PromptTemplatesDocument,
  UpdateRecipeDocument,
} from '../../../gql/graphql';
import type { ReferenceAssetFragment } from '../../../gql/graphql';
import { Alert, Button, ConfirmDialog, TextArea, TextField } from '../../../ui';
import { findModel, valuesForModel } from '../../generate/form-state';
import type { FormField, FormValues, Provider } from '../../generate/form-state';
import { ModelFields, ParamFields } from '../../generate/ModelFields';
import { ModelPicker } from '../../generate/ModelPicker';
import { ReferenceUploads } from '../../generate/ReferenceUploads';
import { useReferenceUploads } from '../../generate/use-upload';
import { PersonaPickers } from './PersonaPickers';
import { RecipeTemplateFields } from './RecipeTemplateFields';
import { SourceSwitch } from './SourceSwitch';
import { NO_RECIPE_PROBLEMS, presetInput, recipeProblems } from './recipe-form';
import type { RecipeField, RecipeFormValues, RecipeProblems } from './recipe-form';

/** Templates offered in the picker. */
const TEMPLATE_CHOICES = 100;

export interface SavedRecipe {
  id: string;
  name: string;
  latestVersionNumber: number;
}

export interface RecipeFormProps {
  providers: Provider[];
  initialValues: RecipeFormValues;
  initialReferences?: readonly ReferenceAssetFragment[];
  /** The recipe a new version is saved for; null for a new recipe. */
  recipe: { id: string; latestVersionNumber: number } | null;
  /** A message above the form (the model of the version is gone…). */
  notice?: ReactNode;
  onSaved: (recipe: SavedRecipe) => void;
  onCancel?: () => void;
}

/**
 * A recipe's preset: the model from the catalogue, then only what it takes (the generate form's
 * fields), the prompt or a template with default values for its variables (previewed live), the
 * characters and AI model, and for an existing recipe what this version changes. Saving an
 * existing recipe always adds a version; the earlier ones stay as they were.
 */
export function RecipeForm({
  providers,
  initialValues,
  initialReferences = [],
  recipe,
  notice,
  onSaved,
  onCancel,
}: RecipeFormProps) {
  const [values, setValues] = useState(initialValues);
  const [problems, setProblems] = useState<RecipeProblems>(NO_RECIPE_PROBLEMS);
  const [pristine, setPristine] = useState(true);
  const uploads = useReferenceUploads(initialReferences);
  const leaving = useRef(false);
  const [create, creating] = useMutation(CreateRecipeDocument);
  const [update, updating] = useMutation(UpdateRecipeDocument);

  const templates = useQuery(PromptTemplatesDocument, {
    variables: { first: TEMPLATE_CHOICES },
    fetchPolicy: 'cache-and-network',
  });
  const chosen = useQuery(PromptTemplateDocument, {
    variables: { id: values.templateId },
    skip: !values.templateId,
  });
  const personas = useQuery(PersonaOptionsDocument, { fetchPolicy: 'cache-and-network' });
  const characters = personas.data?.characters.edges.map((edge) => edge.node) ?? [];
  const aiModels = personas.data?.aiModels.edges.map((edge) => edge.node) ?? [];

  const usesTemplate = values.source === 'template';
  const template = usesTemplate && values.templateId ? chosen.data?.promptTemplate : undefined;
  const templateOptions = templates.data?.promptTemplates.edges.map((edge) => edge.node) ?? [];
  // The template's variables, whose default values are saved.
  const names = template?.variables.map((variable) => variable.name) ?? [];
  const firstCharacter = characters.find((character) => character.id === values.characterIds[0]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !pristine &&
      !leaving.current &&
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search),
  );

  const found =
    findModel(providers, values.settings.providerId, values.settings.modelId) ??
    findModel(providers, initialValues.settings.providerId, initialValues.settings.modelId);
  if (!found) return null;
  const { provider, model } = found;
  const caps = model.capabilities;

  function touch() {
    setPristine(false);
  }

  function changeSettings(patch: Partial<FormValues>, field: FormField) {
    setValues((current) => ({ ...current, settings: { ...current.settings, ...patch } }));
    setProblems((current) => {
      if (current.settings[field] === undefined) return current;
      const settings = { ...current.settings };
      delete settings[field];
      return { ...current, settings };
    });
    touch();
  }

  function change(patch: Partial<RecipeFormValues>, ...fields: RecipeField[]) {
    setValues((current) => ({ ...current, ...patch }));
    if (fields.length > 0) {
      setProblems((current) => {
        const next = { ...current.fields };
        for (const field of fields) delete next[field];
        return { ...current, fields: next };
      });
    }
    touch();
  }

  function chooseModel(providerId: string, modelId?: string) {
    const nextProvider = providers.find((candidate) => candidate.id === providerId);
    const nextModel =
      nextProvider?.models.find((candidate) => candidate.id === modelId) ?? nextProvider?.models[0];
    if (!nextProvider || !nextModel) return;
    setValues((current) => ({
      ...current,
      settings: valuesForModel(nextProvider, nextModel, current.settings),
    }));
    setProblems((current) => ({ ...current, settings: {} }));
    touch();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (creating.loading || updating.loading) return;
    const local: RecipeProblems = { fields: {}, settings: {}, form: null };
    if (!recipe && !values.name.trim()) local.fields.name = 'Give the recipe a name.';
    if (!usesTemplate && !values.settings.prompt.trim()) {
      local.settings.prompt = 'Write a prompt, or use a template.';
    }
    if (usesTemplate && !values.templateId) local.fields.template = 'Choose a template.';
    if (caps.referenceImages > 0 && uploads.busy) {
      local.form = 'Wait for the reference images to finish uploading.';
    } else if (caps.referenceImages > 0 && uploads.failed) {
      local.form = 'Some reference images did not upload: try them again, or remove them.';
    }
    if (
      local.form ||
      Object.keys(local.fields).length > 0 ||
      Object.keys(local.settings).length > 0
    ) {
      setProblems(local);
      return;
    }
    setProblems(NO_RECIPE_PROBLEMS);
    const preset = presetInput(model, values, uploads.readyIds, names);
    try {
      let saved: SavedRecipe | undefined;
      if (recipe) {
        const result = await update({ variables: { input: { id: recipe.id, ...preset } } });
        saved = result.data?.updateRecipe;
      } else {
        const result = await create({
          variables: {
            input: {
              ...preset,
              name: values.name.trim(),
              description: values.description.trim() || null,
            },
          },
        });
        saved = result.data?.createRecipe;
      }
      if (!saved) return;
      leaving.current = true;
      setPristine(true);
      onSaved(saved);
    } catch (failure) {
      setProblems(
        recipeProblems(
          failure,
          caps.params.map((spec) => spec.name),
        ),
      );
    }
  }

  const saving = creating.loading || updating.loading;
  const nextVersion = recipe ? recipe.latestVersionNumber + 1 : 1;

  return (
    <form
      className="card recipe-form"
      noValidate
      aria-label={recipe ? `New version of the recipe` : 'New recipe'}
      onSubmit={(event) => void submit(event)}
    >
      {notice}
      {!recipe && (
        <div className="recipe-form__section">
          <TextField
            label="Name"
            required
            maxLength={100}
            placeholder="Moody city portraits"
            value={values.name}
            onChange={(event) => change({ name: event.currentTarget.value }, 'name')}
            error={problems.fields.name}
          />
          <TextArea
            label="Description"
            rows={2}
            maxLength={4000}
            hint="What it is for; search looks at it too."
            value={values.description}
            onChange={(event) => change({ description: event.currentTarget.value }, 'description')}
            error={problems.fields.description}
          />
        </div>
      )}

      <div className="recipe-form__section">
        <h2 className="recipe-form__heading">Model</h2>
        <ModelPicker
          providers={providers}
          provider={provider}
          model={model}
          onChoose={chooseModel}
          errors={{ provider: problems.settings.providerId, model: problems.settings.modelId }}
        />
      </div>

      <div className="recipe-form__section">
        <SourceSwitch value={values.source} onChange={(source) => change({ source }, 'template')} />
        {usesTemplate ? (
          <RecipeTemplateFields
            options={templateOptions}
            loaded={Boolean(templates.data)}
            templateId={values.templateId}
            template={template ?? null}
            values={values.variables}
            errors={problems.fields}
            characterId={firstCharacter?.id ?? null}
            aiModelId={values.aiModelId || firstCharacter?.aiModel?.id || null}
            onTemplateChange={(templateId) => change({ templateId }, 'template')}
            onValueChange={(name, value) =>
              change({ variables: { ...values.variables, [name]: value } }, `variables.${name}`)
            }
          />
        ) : (
          <TextArea
            label="Prompt"
            required
            rows={4}
            maxLength={4000}
            placeholder={
              model.kind === 'VIDEO'
                ? 'A slow drift through violet waves at dusk'
                : 'A lighthouse on a cliff at sunrise, in warm colours'
            }
            value={values.settings.prompt}
            onChange={(event) => changeSettings({ prompt: event.currentTarget.value }, 'prompt')}
            error={problems.settings.prompt}
          />
        )}
        {caps.negativePrompt && (
          <TextArea
            label="Negative prompt"
            rows={2}
            maxLength={2000}
            hint="What to keep out of the result."
            value={values.settings.negativePrompt}
            onChange={(event) =>
              changeSettings({ negativePrompt: event.currentTarget.value }, 'negativePrompt')
            }
            error={problems.settings.negativePrompt}
          />
        )}
      </div>

      <div className="recipe-form__section">
        <h2 className="recipe-form__heading">Settings</h2>
        <ModelFields
          model={model}
          values={values.settings}
          errors={problems.settings}
          onChange={changeSettings}
        />
        {caps.referenceImages > 0 && (
          <ReferenceUploads
            uploads={uploads}
            limit={caps.referenceImages}
            error={problems.settings.referenceAssetIds}
            onChange={() => {
              touch();
              setProblems((current) => {
                const settings = { ...current.settings };
                delete settings.referenceAssetIds;
                return { ...current, settings };
              });
            }}
          />
        )}
        <ParamFields
          model={model}
          values={values.settings}
          errors={problems.settings}
          onChange={changeSettings}
        />
      </div>

      <div className="recipe-form__section">
        <h2 className="recipe-form__heading">Characters and AI model</h2>
        <PersonaPickers
          characters={characters}
          aiModels={aiModels}
          loaded={Boolean(personas.data)}
          characterIds={values.characterIds}
          aiModelId={values.aiModelId}
          onCharactersChange={(characterIds) => change({ characterIds }, 'characters')}
          onAiModelChange={(aiModelId) => change({ aiModelId }, 'aiModel')}
          errors={{ characters: problems.fields.characters, aiModel: problems.fields.aiModel }}
          aiModelHint="Its description and reference images go with every run."
          withTemplate={usesTemplate}
        />
      </div>

      {recipe && (
        <TextField
          label="What changes in this version"
          maxLength={500}
          placeholder="Warmer light, 3 images"
          hint="Shown in the list of versions."
          value={values.note}
          onChange={(event) => change({ note: event.currentTarget.value }, 'note')}
          error={problems.fields.note}
        />
      )}

      <div className="generate-form__footer">
        {problems.form && <Alert tone="danger">{problems.form}</Alert>}
        {recipe && (
          <p className="field__hint" data-testid="version-note">
            Saving creates version {nextVersion}. Version {recipe.latestVersionNumber} and earlier
            stay as they are and can still be run; generations keep what they ran.
          </p>
        )}
        <div className="cluster">
          <Button type="submit" variant="primary" loading={saving}>
            {recipe ? `Save as version ${nextVersion}` : 'Create recipe'}
          </Button>
          {onCancel && (
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Leave without saving?"
        description={
          recipe
            ? `Your changes are not saved as version ${nextVersion} yet.`
            : 'This recipe is not saved yet.'
        }
        confirmLabel="Leave without saving"
        cancelLabel="Keep editing"
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      />
    </form>
  );
}
