import { In, type DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../graphql/errors';
import { prepareGeneration } from '../generations/generation-request';
import type { GenerationSettingsInput } from '../generations/generation.inputs';
import type { ProviderRegistry } from '../generations/provider-registry';
import type { FieldError } from '../providers/params';
import { AiModel } from './ai-model.entity';
import { Character } from './character.entity';
import { assertLibraryId, invalidLibraryInput, libraryNotFound } from './library.errors';
import type {
  CreateRecipeInput,
  LibraryListArgs,
  RecipePresetInput,
  RenameRecipeInput,
  UpdateRecipeInput,
} from './library.inputs';
import { libraryPage } from './library-list';
import { referenceProblems } from './library-references';
import type { RecipeSettings, TemplateSnapshot } from './library.types';
import { PromptTemplate } from './prompt-template.entity';
import { Recipe, RecipeVersion } from './recipe.entity';
import { checkValues } from './template-render';

const RECIPES = { entity: Recipe, table: 'recipes', searchText: "name || ' ' || description" };

/** A preset as a version stores it, once checked. */
type CheckedPreset = Omit<RecipeVersion, 'id' | 'recipeId' | 'version' | 'createdAt'>;

/** The settings a version keeps; references are kept beside them. */
export function recipeSettings(input: GenerationSettingsInput | null | undefined): RecipeSettings {
  return {
    prompt: input?.prompt?.trim() || null,
    negativePrompt: input?.negativePrompt?.trim() || null,
    count: input?.count ?? null,
    aspectRatio: input?.aspectRatio ?? null,
    width: input?.width ?? null,
    height: input?.height ?? null,
    durationSeconds: input?.durationSeconds ?? null,
    seed: input?.seed ?? null,
    params: input?.params ?? {},
  };
}

/** My recipes: saved generation presets, each edit a new immutable version. */
export class RecipesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ProviderRegistry,
  ) {}

  async get(userId: string, id: string, manager?: EntityManager): Promise<Recipe> {
    assertLibraryId(id, 'recipe');
    const found = await (manager ?? this.dataSource.manager)
      .getRepository(Recipe)
      .findOneBy({ id, ownerId: userId });
    if (!found) throw libraryNotFound('recipe');
    return found;
  }

  list(userId: string, args: LibraryListArgs) {
    return libraryPage(this.dataSource, RECIPES, userId, args);
  }

  /** One version of my recipe (the latest when `version` is left out). */
  async version(userId: string, recipeId: string, version?: number | null) {
    const recipe = await this.get(userId, recipeId);
    const found = await this.dataSource
      .getRepository(RecipeVersion)
      .findOneBy({ recipeId, version: version ?? recipe.latestVersionNumber });
    if (!found) {
      throw new AppError(
        'NOT_FOUND',
        `${recipe.name} has versions 1 to ${recipe.latestVersionNumber} (asked for ${version}).`,
      );
    }
    return { recipe, version: found };
  }

  versions(recipeId: string): Promise<RecipeVersion[]> {
    return this.dataSource
      .getRepository(RecipeVersion)
      .find({ where: { recipeId }, order: { version: 'DESC' } });
  }

  create(userId: string, input: CreateRecipeInput): Promise<Recipe> {
    return this.dataSource.transaction(async (manager) => {
      const preset = await this.check(manager, userId, input);
      const recipes = manager.getRepository(Recipe);
      const recipe = await recipes.save(
        recipes.create({
          ownerId: userId,
          name: input.name.trim(),
          description: input.description?.trim() ?? '',
          latestVersionNumber: 1,
        }),
      );
      await manager
        .getRepository(RecipeVersion)
        .insert({ ...preset, recipeId: recipe.id, version: 1 } as never);
      return recipe;
    });
  }

  /** Saves the preset as the recipe's next version; earlier versions stay as they were. */
  update(userId: string, input: UpdateRecipeInput): Promise<Recipe> {
    return this.dataSource.transaction(async (manager) => {
      const recipe = await manager
        .getRepository(Recipe)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id AND r.owner_id = :userId', { id: input.id, userId })
        .getOne();
      if (!recipe) throw libraryNotFound('recipe');
      const preset = await this.check(manager, userId, input);
      const version = recipe.latestVersionNumber + 1;
      await manager
        .getRepository(RecipeVersion)
        .insert({ ...preset, recipeId: recipe.id, version } as never);
      await manager
        .getRepository(Recipe)
        .update({ id: recipe.id }, { latestVersionNumber: version });
      return this.get(userId, recipe.id, manager);
    });
  }

  async rename(userId: string, input: RenameRecipeInput): Promise<Recipe> {
    const recipe = await this.get(userId, input.id);
    await this.dataSource
      .getRepository(Recipe)
      .update(
        { id: recipe.id },
        { name: input.name.trim(), description: input.description?.trim() ?? recipe.description },
      );
    return this.get(userId, recipe.id);
  }

  /** A new recipe whose version 1 is this one's latest version. */
  duplicate(userId: string, id: string, name?: string | null): Promise<Recipe> {
    return this.dataSource.transaction(async (manager) => {
      const source = await this.get(userId, id, manager);
      const latest = await manager
        .getRepository(RecipeVersion)
        .findOneByOrFail({ recipeId: source.id, version: source.latestVersionNumber });
      const recipes = manager.getRepository(Recipe);
      const copy = await recipes.save(
        recipes.create({
          ownerId: userId,
          name: name?.trim() || `${source.name} (copy)`.slice(0, 100),
          description: source.description,
          latestVersionNumber: 1,
        }),
      );
      const { id: _id, recipeId: _recipeId, createdAt: _createdAt, ...preset } = latest;
      await manager.getRepository(RecipeVersion).insert({
        ...preset,
        recipeId: copy.id,
        version: 1,
        note: `Copied from ${source.name}, version ${latest.version}`,
      } as never);
      return copy;
    });
  }

  async delete(userId: string, id: string): Promise<string> {
    assertLibraryId(id, 'recipe');
    const [, removed] = (await this.dataSource.query(
      'DELETE FROM recipes WHERE id = $1 AND owner_id = $2',
      [id, userId],
    )) as [unknown, number];
    if (removed === 0) throw libraryNotFound('recipe');
    return id;
  }

  /**
   * Checks a preset as a run would, minus what is only known at run time (required variables,
   * characters a template names): the model exists and takes every default, the template, the
   * characters, the AI model and the images are mine. Returns the version's fields.
   */
  private async check(
    manager: EntityManager,
    userId: string,
    input: RecipePresetInput,
  ): Promise<CheckedPreset> {
    const errors: FieldError[] = [];
    const settings = recipeSettings(input.settings);
    const referenceAssetIds = input.settings?.referenceAssetIds ?? [];

    let template: TemplateSnapshot | null = null;
    if (input.templateId) {
      const found = await manager
        .getRepository(PromptTemplate)
        .findOneBy({ id: input.templateId, ownerId: userId });
      if (found)
        template = { id: found.id, name: found.name, body: found.body, variables: found.variables };
      else errors.push({ field: 'templateId', message: 'Choose one of your prompt templates.' });
    } else if (!settings.prompt) {
      errors.push({ field: 'settings.prompt', message: 'Write a prompt or choose a template.' });
    }
    const variables = input.variables ?? {};
    if (template) {
      const checked = checkValues(template, variables);
      errors.push(...checked.errors);
    } else if (Object.keys(variables).length > 0 && input.templateId == null) {
      errors.push({ field: 'variables', message: 'Variables need a template to fill.' });
    }
    errors.push(...this.modelProblems(input, settings, referenceAssetIds));
    errors.push(
      ...(await referenceProblems(
        manager,
        userId,
        referenceAssetIds,
        'settings.referenceAssetIds',
      )),
    );
    const characterIds = [...new Set(input.characterIds ?? [])];
    if (characterIds.length > 0) {
      const owned = await manager
        .getRepository(Character)
        .countBy({ id: In(characterIds), ownerId: userId });
      if (owned !== characterIds.length) {
        errors.push({ field: 'characterIds', message: 'Choose among your characters.' });
      }
    }
    if (input.aiModelId) {
      const owned = await manager
        .getRepository(AiModel)
        .countBy({ id: input.aiModelId, ownerId: userId });
      if (!owned) errors.push({ field: 'aiModelId', message: 'Choose one of your AI models.' });
    }
    if (errors.length > 0) throw invalidLibraryInput(errors);
    const stringValues = Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [name, String(value)]),
    );
    return {
      kind: input.kind,
      provider: input.provider,
      model: input.model,
      templateId: template?.id ?? null,
      template,
      settings,
      variables: stringValues,
      characterIds,
      aiModelId: input.aiModelId ?? null,
      referenceAssetIds,
      note: input.note?.trim() || null,
    };
  }

  /** What the model says of the defaults, as the generate form would (fields under settings.). */
  private modelProblems(
    input: RecipePresetInput,
    settings: RecipeSettings,
    referenceAssetIds: string[],
  ): FieldError[] {
    // The provider and model first, each refusal on its own field.
    let field = 'provider';
    try {
      const provider = this.registry.usable(input.provider);
      field = 'model';
      this.registry.model(provider, input.model);
    } catch (error) {
      if (error instanceof AppError) return [{ field, message: error.message }];
      throw error;
    }
    try {
      prepareGeneration(this.registry, {
        ...settings,
        kind: input.kind,
        provider: input.provider,
        model: input.model,
        // A template's text is only known at run time; any prompt stands in for it here.
        prompt: settings.prompt ?? 'template',
        referenceAssetIds,
      });
      return [];
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const fieldErrors = (error.details.fieldErrors ?? []) as Array<{
        field: string;
        messages: string[];
      }>;
      return fieldErrors.map(({ field: name, messages }) => ({
        field: name === 'kind' ? 'kind' : `settings.${name}`,
        message: messages.join(' '),
      }));
    }
  }
}
