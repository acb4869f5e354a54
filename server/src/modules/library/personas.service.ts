import type { DataSource, EntityManager } from 'typeorm';
import type { FieldError } from '../providers/params';
import type { AiModel } from './ai-model.entity';
import type { Character } from './character.entity';
import type {
  CharacterTraitInput,
  CreateAiModelInput,
  CreateCharacterInput,
  LibraryListArgs,
  UpdateAiModelInput,
  UpdateCharacterInput,
} from './library.inputs';
import { AI_MODELS, CHARACTERS, PersonaStore } from './persona-store';
import { CHARACTER_FIELDS } from './template-syntax';

const defined = <T extends object>(values: T) =>
  Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<T>;

/** My AI models (personas) and characters. */
export class PersonasService {
  readonly aiModels: PersonaStore<AiModel>;
  readonly characters: PersonaStore<Character>;

  constructor(dataSource: DataSource) {
    this.aiModels = new PersonaStore(dataSource, AI_MODELS);
    this.characters = new PersonaStore(dataSource, CHARACTERS);
  }

  listAiModels = (userId: string, args: LibraryListArgs) => this.aiModels.list(userId, args);
  listCharacters = (userId: string, args: LibraryListArgs) => this.characters.list(userId, args);

  saveAiModel(userId: string, input: CreateAiModelInput | UpdateAiModelInput) {
    const id = 'id' in input ? input.id : null;
    return this.aiModels.save(userId, id, {
      fields: defined({
        name: input.name?.trim(),
        description: input.description?.trim(),
        tags: input.tags ? [...new Set(input.tags.map((tag) => tag.trim()))] : undefined,
      }),
      referenceAssetIds: input.referenceAssetIds,
      coverAssetId: input.coverAssetId,
    });
  }

  saveCharacter(userId: string, input: CreateCharacterInput | UpdateCharacterInput) {
    const id = 'id' in input ? input.id : null;
    const fields: Partial<Character> = defined({
      name: input.name?.trim(),
      description: input.description?.trim(),
      traits: input.traits?.map((trait) => ({ name: trait.name, value: trait.value.trim() })),
    });
    // null takes it out of its AI model; left out keeps it.
    if (input.aiModelId !== undefined) fields.aiModelId = input.aiModelId;
    return this.characters.save(userId, id, {
      fields,
      referenceAssetIds: input.referenceAssetIds,
      coverAssetId: input.coverAssetId,
      check: async (manager) => [
        ...traitProblems(input.traits),
        ...(input.aiModelId ? await this.aiModelProblems(manager, userId, input.aiModelId) : []),
      ],
    });
  }

  private async aiModelProblems(manager: EntityManager, userId: string, id: string) {
    try {
      await this.aiModels.get(userId, id, manager);
      return [];
    } catch {
      return [{ field: 'aiModelId', message: 'Choose one of your AI models.' }];
    }
  }
}

function traitProblems(traits: CharacterTraitInput[] | null | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (traits ?? []).forEach((trait, index) => {
    if ((CHARACTER_FIELDS as readonly string[]).includes(trait.name)) {
      errors.push({
        field: `traits.${index}.name`,
        message: `"${trait.name}" is the character's own field; name the trait otherwise.`,
      });
    } else if (seen.has(trait.name)) {
      errors.push({ field: `traits.${index}.name`, message: `"${trait.name}" is there twice.` });
    }
    seen.add(trait.name);
  });
  return errors;
}
