import { In, type DataSource, type EntityManager } from 'typeorm';
import type {
  ComposedGeneration,
  GenerationComposer,
  GenerationFields,
} from '../generations/generation-composer';
import { invalidRequest } from '../generations/generation.errors';
import {
  MAX_PROMPT_LENGTH,
  type GenerationRequestInput,
  type GenerationSettingsInput,
} from '../generations/generation.inputs';
import type { ProviderRegistry } from '../generations/provider-registry';
import type { FieldError } from '../providers/params';
import type { GenerationKind } from '../providers/provider';
import { AiModel } from './ai-model.entity';
import { Character } from './character.entity';
import { GenerationSource } from './generation-source.entity';
import type { TemplateSnapshot } from './library.types';
import { PromptTemplate } from './prompt-template.entity';
import { ReferenceSource, type LibrarySnapshot, type ProvenanceSnapshot } from './provenance';
import type { Recipe, RecipeVersion } from './recipe.entity';
import type { RecipesService } from './recipes.service';
import { renderTemplate } from './template-render';

type Settings = Omit<GenerationSettingsInput, 'referenceAssetIds'>;
const SETTING_NAMES = [
  'prompt',
  'negativePrompt',
  'count',
  'aspectRatio',
  'width',
  'height',
  'durationSeconds',
  'seed',
] as const;

/** More values than any template declares are refused before they are each checked. */
const MAX_GIVEN_VARIABLES = 50;
const variableCount = (values: Record<string, unknown> | null | undefined) =>
  Object.keys(values ?? {}).length;

/** The variable values a run actually gives (empty ones mean "as the recipe says"). */
const valuesGiven = (values: Record<string, unknown> | null | undefined) =>
  Object.fromEntries(
    Object.entries(values ?? {}).filter(([, value]) => value !== '' && value != null),
  );

/** The set values of one layer of settings (null and undefined mean "not said here"). */
function said(layer: Partial<Settings> | null | undefined): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const value = layer?.[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out as Partial<Settings>;
}

/**
 * Settings in layers, later ones winning field by field; `params` are merged. A layer that picks
 * an aspect ratio without a size drops the sizes below it, which would otherwise win.
 */
function layered(layers: Array<Partial<Settings> | null | undefined>): Settings {
  let merged: Settings = { params: {} };
  for (const layer of layers) {
    const values = said(layer);
    if (values.aspectRatio && values.width == null && values.height == null) {
      merged = { ...merged, width: null, height: null };
    }
    merged = { ...merged, ...values, params: { ...merged.params, ...(layer?.params ?? {}) } };
  }
  return merged;
}

interface Persona {
  entity: Character | AiModel;
  references: Array<{ id: string; sha256: string }>;
}

/**
 * Builds a generation from the library: a recipe version's preset, overridden by what the run
 * says; its template filled with the variables, the first character and the AI model; the
 * descriptions the template does not use added to the prompt; and the reference images of the
 * characters and model sent as far as the model takes them. Records all of it as provenance.
 */
export class LibraryComposer implements GenerationComposer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ProviderRegistry,
    private readonly recipes: RecipesService,
  ) {}

  async compose(userId: string, input: GenerationRequestInput): Promise<ComposedGeneration> {
    const errors: FieldError[] = [];
    let recipe: Recipe | null = null;
    let version: RecipeVersion | null = null;
    if (input.recipeId)
      ({ recipe, version } = await this.recipes.version(
        userId,
        input.recipeId,
        input.recipeVersion,
      ));
    else if (input.recipeVersion != null) {
      errors.push({
        field: 'recipeVersion',
        message: 'A version needs its recipe: give recipeId.',
      });
    }

    const target = this.target(input, version, errors);
    if (!target) throw invalidRequest(errors);

    const explicitPrompt = input.overrides?.prompt ?? input.prompt ?? null;
    const settings = layered([version?.settings, input, input.overrides]);

    // The template: one named for this run, else the text the recipe version kept.
    let template: TemplateSnapshot | null = null;
    if (input.templateId) {
      const found = await this.dataSource
        .getRepository(PromptTemplate)
        .findOneBy({ id: input.templateId, ownerId: userId });
      if (found)
        template = { id: found.id, name: found.name, body: found.body, variables: found.variables };
      else errors.push({ field: 'templateId', message: 'Choose one of your prompt templates.' });
    } else if (version?.template && !explicitPrompt) {
      template = version.template;
    }

    const characters = await this.characters(userId, input, version, errors);
    const aiModel = await this.aiModel(userId, input, version, characters, errors);
    const personas = await this.withReferences([...characters, ...(aiModel ? [aiModel] : [])]);

    // The prompt: the template filled in, or the text given.
    let basePrompt = settings.prompt ?? '';
    let characterFields: string[] = [];
    let modelFields: string[] = [];
    let variables: Record<string, string> = {};
    if (template) {
      const rendered = renderTemplate(
        template,
        // A value left empty in the run keeps the recipe's.
        { ...(version?.variables ?? {}), ...valuesGiven(input.variables) },
        {
          character: characters[0] ?? null,
          model: aiModel
            ? { name: aiModel.name, description: aiModel.description, tags: aiModel.tags }
            : null,
        },
      );
      errors.push(...rendered.errors);
      ({ characterFields, modelFields } = rendered);
      basePrompt = rendered.prompt;
      variables = rendered.values;
    } else {
      if (input.variables && Object.keys(input.variables).length > 0) {
        errors.push({
          field: 'variables',
          message: 'There is no template to fill: leave out the variables.',
        });
      }
      if (!basePrompt.trim()) {
        errors.push({
          field: 'prompt',
          message: 'Describe what to generate, or choose a template.',
        });
      }
    }

    // What the text does not already say of the characters and AI model is added after it.
    const context = [
      ...characters.map((character, index) =>
        describeCharacter(character, index === 0 ? characterFields : []),
      ),
      ...(aiModel && !modelFields.includes('description') && aiModel.description
        ? [`${aiModel.name}: ${aiModel.description}`]
        : []),
    ].filter((line): line is string => line !== null);
    const addedContext = context.length > 0 ? context.join('\n') : null;
    const prompt = addedContext ? `${basePrompt}\n\n${addedContext}` : basePrompt;
    if (addedContext && prompt.length > MAX_PROMPT_LENGTH) {
      errors.push({
        field: 'prompt',
        message: `With the descriptions of the characters and AI model added, the prompt is ${prompt.length.toLocaleString('en')} characters, over the 4,000 a generation takes. Shorten a description, or place it in the template.`,
      });
    }
    if (variableCount(input.variables) > MAX_GIVEN_VARIABLES) {
      errors.push({ field: 'variables', message: `Give up to ${MAX_GIVEN_VARIABLES} variables.` });
    }

    // References: the run's own first, then the characters', then the AI model's, while they fit.
    const given = input.overrides?.referenceAssetIds ?? input.referenceAssetIds ?? null;
    const requested = [...new Set(given ?? version?.referenceAssetIds ?? [])];
    const requestedHashes = await this.hashes(userId, requested);
    // A recipe's own images that were deleted since are left out, not an error of this run.
    const direct = given ? requested : requested.filter((id) => requestedHashes.has(id));
    const capacity =
      this.registry
        .find(target.provider)
        ?.models()
        .find((model) => model.id === target.model)?.capabilities.referenceImages ?? 0;
    const fromLibrary = personas.flatMap((persona) =>
      persona.references.map((reference) => ({
        ...reference,
        source:
          persona.entity instanceof Character
            ? ReferenceSource.CHARACTER
            : ReferenceSource.AI_MODEL,
      })),
    );
    const candidates = [
      ...direct.map((id) => ({ id, source: ReferenceSource.REQUEST })),
      ...fromLibrary.filter((reference) => !direct.includes(reference.id)),
    ].filter(
      (reference, index, all) => all.findIndex((other) => other.id === reference.id) === index,
    );
    const sent = new Set([
      ...direct,
      ...candidates
        .slice(direct.length, Math.max(direct.length, capacity))
        .map((reference) => reference.id),
    ]);
    // The library's images came with their hashes; only the run's own were looked up.
    const hashes = new Map([
      ...requestedHashes,
      ...fromLibrary.map((reference) => [reference.id, reference.sha256] as const),
    ]);

    const fields: GenerationFields = {
      ...settings,
      ...target,
      prompt,
      referenceAssetIds: candidates.filter((reference) => sent.has(reference.id)).map((r) => r.id),
    };
    const snapshot: ProvenanceSnapshot = {
      recipe:
        recipe && version ? { id: recipe.id, name: recipe.name, version: version.version } : null,
      template,
      variables,
      characters: personas.filter((p) => p.entity instanceof Character).map(snapshotOf),
      aiModel: personas.filter((p) => p.entity instanceof AiModel).map(snapshotOf)[0] ?? null,
      references: candidates
        .filter((reference) => hashes.has(reference.id))
        .map((reference) => ({
          assetId: reference.id,
          sha256: hashes.get(reference.id)!,
          source: reference.source,
          sent: sent.has(reference.id),
        })),
      basePrompt,
      addedContext,
      rerunOf: null,
    };
    return {
      fields,
      errors,
      record: (manager, generationId) =>
        recordSource(manager, generationId, snapshot, {
          recipeId: recipe?.id ?? null,
          recipeVersionId: version?.id ?? null,
          // The template's row while it exists: a recipe version's saved text outlives it.
          templateId: !template
            ? null
            : input.templateId
              ? template.id
              : (version?.templateId ?? null),
          aiModelId: aiModel?.id ?? null,
          characterIds: characters.map((character) => character.id),
        }),
    };
  }

  /** Which model runs: the recipe's, which a run may not change, or the one given. */
  private target(
    input: GenerationRequestInput,
    version: RecipeVersion | null,
    errors: FieldError[],
  ) {
    const names = ['kind', 'provider', 'model'] as const;
    if (version) {
      for (const name of names) {
        if (input[name] && input[name] !== version[name]) {
          errors.push({
            field: name,
            message: `This recipe runs ${version.provider} ${version.model}; save a new version of it to change that.`,
          });
        }
      }
      return { kind: version.kind, provider: version.provider, model: version.model };
    }
    const missing = (['provider', 'model'] as const).filter((name) => !input[name]);
    for (const name of missing) errors.push({ field: name, message: `Choose the ${name}.` });
    if (missing.length > 0) return null;
    // The kind may be left out: the model says what it makes.
    const kind =
      input.kind ??
      this.registry
        .find(input.provider!)
        ?.models()
        .find((model) => model.id === input.model)?.kind ??
      'IMAGE';
    return { kind: kind as GenerationKind, provider: input.provider!, model: input.model! };
  }

  /** The run's characters (given ones must be mine), or the recipe's that still exist. */
  private async characters(
    userId: string,
    input: GenerationRequestInput,
    version: RecipeVersion | null,
    errors: FieldError[],
  ): Promise<Character[]> {
    const given = input.characterIds ?? null;
    const ids = [...new Set(given ?? version?.characterIds ?? [])];
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(Character)
      .findBy({ id: In(ids), ownerId: userId });
    if (given && rows.length !== ids.length) {
      errors.push({ field: 'characterIds', message: 'Choose among your characters.' });
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  /** The run's AI model (null: none), else the recipe's, else the first character's. */
  private async aiModel(
    userId: string,
    input: GenerationRequestInput,
    version: RecipeVersion | null,
    characters: Character[],
    errors: FieldError[],
  ): Promise<AiModel | null> {
    // An explicit null means no AI model at all; left out, the recipe's or the character's.
    const id =
      input.aiModelId !== undefined
        ? input.aiModelId
        : (version?.aiModelId ?? characters[0]?.aiModelId ?? null);
    if (!id) return null;
    const found = await this.dataSource.getRepository(AiModel).findOneBy({ id, ownerId: userId });
    if (!found && input.aiModelId)
      errors.push({ field: 'aiModelId', message: 'Choose one of your AI models.' });
    return found;
  }

  /** The ordered reference images of characters and AI models, in one statement. */
  private async withReferences(entities: Array<Character | AiModel>): Promise<Persona[]> {
    if (entities.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT r.character_id AS owner_id, a.id, a.sha256, r.position FROM character_references r
         JOIN assets a ON a.id = r.asset_id WHERE r.character_id = ANY($1::uuid[])
       UNION ALL
       SELECT r.ai_model_id, a.id, a.sha256, r.position FROM ai_model_references r
         JOIN assets a ON a.id = r.asset_id WHERE r.ai_model_id = ANY($1::uuid[])
       ORDER BY owner_id, position`,
      [entities.map((entity) => entity.id)],
    )) as Array<{ owner_id: string; id: string; sha256: string }>;
    return entities.map((entity) => ({
      entity,
      references: rows
        .filter((row) => row.owner_id === entity.id)
        .map(({ id, sha256 }) => ({ id, sha256 })),
    }));
  }

  private async hashes(userId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      'SELECT id, sha256 FROM assets WHERE owner_id = $1 AND id = ANY($2::uuid[])',
      [userId, ids],
    )) as Array<{ id: string; sha256: string }>;
    return new Map(rows.map((row) => [row.id, row.sha256]));
  }
}

/**
 * "Mira: a courier with silver hair; outfit: a red raincoat", leaving out what the template has
 * already put in the prompt; null when it has put everything.
 */
function describeCharacter(character: Character, alreadySaid: string[]): string | null {
  const details = [
    alreadySaid.includes('description') ? '' : character.description,
    ...character.traits
      .filter((trait) => !alreadySaid.includes(trait.name))
      .map((trait) => `${trait.name.replace(/_/g, ' ')}: ${trait.value}`),
  ].filter(Boolean);
  if (details.length > 0) return `${character.name}: ${details.join('; ')}`;
  return alreadySaid.length > 0 ? null : character.name;
}

function snapshotOf(persona: Persona): LibrarySnapshot {
  const { entity } = persona;
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    traits: entity instanceof Character ? entity.traits : [],
    tags: entity instanceof AiModel ? entity.tags : [],
    referenceHashes: persona.references.map((reference) => reference.sha256),
  };
}

/** Writes what a generation was made from, in the transaction that inserts it. */
export async function recordSource(
  manager: EntityManager,
  generationId: string,
  snapshot: ProvenanceSnapshot,
  links: Pick<
    GenerationSource,
    'recipeId' | 'recipeVersionId' | 'templateId' | 'aiModelId' | 'characterIds'
  >,
): Promise<void> {
  const usedAssetIds = [...new Set(snapshot.references.map((reference) => reference.assetId))];
  await manager.getRepository(GenerationSource).insert({
    generationId,
    ...links,
    usedAssetIds,
    // jsonb: TypeORM's insert type cannot describe the nested snapshot.
    snapshot: snapshot as never,
  });
}
