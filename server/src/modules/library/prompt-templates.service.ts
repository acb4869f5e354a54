import type { DataSource } from 'typeorm';
import {
  assertLibraryId,
  invalidLibraryInput,
  libraryNotFound,
  LibraryError,
} from './library.errors';
import type {
  CreatePromptTemplateInput,
  LibraryListArgs,
  RenderPromptTemplateArgs,
  TemplateVariableInput,
  UpdatePromptTemplateInput,
} from './library.inputs';
import { libraryPage } from './library-list';
import type { PersonasService } from './personas.service';
import { PromptTemplate } from './prompt-template.entity';
import type { RenderedPrompt } from './library.types';
import {
  checkTemplate,
  renderTemplate,
  type CharacterContext,
  type ModelContext,
  type TemplateVariable,
} from './template-render';

const TEMPLATES = {
  entity: PromptTemplate,
  table: 'prompt_templates',
  searchText: "name || ' ' || body",
};

/** Declarations as stored: every field present, text trimmed. */
export const toVariables = (inputs: TemplateVariableInput[]): TemplateVariable[] =>
  inputs.map((input) => ({
    name: input.name.trim(),
    type: input.type,
    label: input.label?.trim() || null,
    defaultValue: input.defaultValue ?? null,
    required: input.required,
    choices: input.choices ?? [],
  }));

/** My prompt templates, and filling them in. */
export class PromptTemplatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly personas: PersonasService,
  ) {}

  async get(userId: string, id: string): Promise<PromptTemplate> {
    assertLibraryId(id, 'prompt template');
    const found = await this.dataSource
      .getRepository(PromptTemplate)
      .findOneBy({ id, ownerId: userId });
    if (!found) throw libraryNotFound('prompt template');
    return found;
  }

  list(userId: string, args: LibraryListArgs) {
    return libraryPage(this.dataSource, TEMPLATES, userId, args);
  }

  async create(userId: string, input: CreatePromptTemplateInput): Promise<PromptTemplate> {
    const variables = toVariables(input.variables);
    assertValid(input.body, variables);
    const repository = this.dataSource.getRepository(PromptTemplate);
    return repository.save(
      repository.create({ ownerId: userId, name: input.name.trim(), body: input.body, variables }),
    );
  }

  async update(userId: string, input: UpdatePromptTemplateInput): Promise<PromptTemplate> {
    const current = await this.get(userId, input.id);
    const body = input.body ?? current.body;
    const variables = input.variables ? toVariables(input.variables) : current.variables;
    assertValid(body, variables);
    await this.dataSource
      .getRepository(PromptTemplate)
      .update({ id: current.id }, { name: input.name?.trim() ?? current.name, body, variables });
    return this.get(userId, current.id);
  }

  async delete(userId: string, id: string): Promise<string> {
    assertLibraryId(id, 'prompt template');
    const [, removed] = (await this.dataSource.query(
      'DELETE FROM prompt_templates WHERE id = $1 AND owner_id = $2',
      [id, userId],
    )) as [unknown, number];
    if (removed === 0) throw libraryNotFound('prompt template');
    return id;
  }

  /** A saved template or a draft, filled in; problems are listed, not thrown, for previews. */
  async render(userId: string, args: RenderPromptTemplateArgs): Promise<RenderedPrompt> {
    if (!args.id === !args.draft) {
      throw new LibraryError('BAD_USER_INPUT', 'Give either the id of a template or a draft.');
    }
    const source = args.id
      ? await this.get(userId, args.id)
      : { body: args.draft!.body, variables: toVariables(args.draft!.variables) };
    const [character, model] = await Promise.all([
      args.characterId ? this.characterContext(userId, args.characterId) : null,
      args.aiModelId ? this.modelContext(userId, args.aiModelId) : null,
    ]);
    const result = renderTemplate(source, args.variables ?? {}, { character, model });
    return {
      prompt: result.prompt,
      complete: result.errors.length === 0,
      fieldErrors: result.errors,
      values: result.values,
    };
  }

  async characterContext(userId: string, id: string): Promise<CharacterContext> {
    const character = await this.personas.characters.get(userId, id);
    return { name: character.name, description: character.description, traits: character.traits };
  }

  async modelContext(userId: string, id: string): Promise<ModelContext> {
    const model = await this.personas.aiModels.get(userId, id);
    return { name: model.name, description: model.description, tags: model.tags };
  }
}

function assertValid(body: string, variables: TemplateVariable[]) {
  const errors = checkTemplate({ body, variables });
  if (errors.length > 0) throw invalidLibraryInput(errors);
}
