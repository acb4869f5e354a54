import type { DataSource, EntityManager } from 'typeorm';
import type { FieldError } from '../providers/params';
import { AiModel } from './ai-model.entity';
import { Character } from './character.entity';
import { assertLibraryId, invalidLibraryInput, libraryNotFound } from './library.errors';
import type { LibraryListArgs } from './library.inputs';
import { libraryPage } from './library-list';
import { referenceProblems, replaceReferences } from './library-references';

type Persona = AiModel | Character;

/** How AI models and characters, which share a shape, are stored. */
export interface PersonaKind<T extends Persona> {
  entity: new () => T;
  label: string;
  table: string;
  references: { table: 'ai_model_references' | 'character_references'; column: string };
  searchText: string;
}

export const AI_MODELS: PersonaKind<AiModel> = {
  entity: AiModel,
  label: 'AI model',
  table: 'ai_models',
  references: { table: 'ai_model_references', column: 'ai_model_id' },
  searchText: "name || ' ' || description || ' ' || array_to_string(tags, ' ')",
};

export const CHARACTERS: PersonaKind<Character> = {
  entity: Character,
  label: 'character',
  table: 'characters',
  references: { table: 'character_references', column: 'character_id' },
  searchText: "name || ' ' || description || ' ' || traits::text",
};

/** What saving a persona changes; left-out fields keep their value. */
export interface PersonaChanges<T extends Persona> {
  fields: Partial<T>;
  referenceAssetIds?: string[] | null;
  /** null: the first reference; undefined: unchanged. */
  coverAssetId?: string | null;
  /** More checks of the kind's own fields, in the same transaction. */
  check?(manager: EntityManager): Promise<FieldError[]>;
}

/** Reading and writing one user's AI models or characters, with their ordered references. */
export class PersonaStore<T extends Persona> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kind: PersonaKind<T>,
  ) {}

  async get(userId: string, id: string, manager?: EntityManager): Promise<T> {
    assertLibraryId(id, this.kind.label);
    const found = await (manager ?? this.dataSource.manager)
      .getRepository(this.kind.entity)
      .findOneBy({ id, ownerId: userId } as never);
    if (!found) throw libraryNotFound(this.kind.label);
    return found;
  }

  list(userId: string, args: LibraryListArgs) {
    return libraryPage(this.dataSource, this.kind, userId, args);
  }

  /** Creates (id null) or updates one, checking references, cover and the kind's own fields. */
  save(userId: string, id: string | null, changes: PersonaChanges<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(this.kind.entity);
      const current = id
        ? await repository
            .createQueryBuilder('item')
            .setLock('pessimistic_write')
            .where('item.id = :id AND item.owner_id = :userId', { id, userId })
            .getOne()
        : null;
      if (id && !current) throw libraryNotFound(this.kind.label);

      const errors: FieldError[] = [];
      const references = changes.referenceAssetIds ?? undefined;
      if (references) errors.push(...(await referenceProblems(manager, userId, references)));
      const finalReferences =
        references ?? (current ? await this.referenceIds(manager, current.id) : []);
      let cover =
        changes.coverAssetId === undefined ? (current?.coverAssetId ?? null) : changes.coverAssetId;
      if (cover && !finalReferences.includes(cover)) {
        if (changes.coverAssetId) {
          errors.push({
            field: 'coverAssetId',
            message: 'Choose the cover among its reference images.',
          });
        }
        cover = null; // Its cover left the references: the first one stands in.
      }
      errors.push(...((await changes.check?.(manager)) ?? []));
      if (errors.length > 0) throw invalidLibraryInput(errors);

      const values = { ...changes.fields, coverAssetId: cover } as Partial<T>;
      let saved: T;
      if (current) {
        await repository.update({ id: current.id } as never, values as never);
        saved = await repository.findOneByOrFail({ id: current.id } as never);
      } else {
        saved = await repository.save(repository.create({ ...values, ownerId: userId } as T));
      }
      if (references) await replaceReferences(manager, this.kind.references, saved.id, references);
      return saved;
    });
  }

  /** Deletes one; generations keep their snapshot of it, and its images stay in my uploads. */
  async delete(userId: string, id: string): Promise<string> {
    assertLibraryId(id, this.kind.label);
    const [, removed] = (await this.dataSource.query(
      `DELETE FROM ${this.kind.table} WHERE id = $1 AND owner_id = $2`,
      [id, userId],
    )) as [unknown, number];
    if (removed === 0) throw libraryNotFound(this.kind.label);
    return id;
  }

  private async referenceIds(manager: EntityManager, ownerId: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT asset_id FROM ${this.kind.references.table} WHERE ${this.kind.references.column} = $1 ORDER BY position`,
      [ownerId],
    )) as Array<{ asset_id: string }>;
    return rows.map((row) => row.asset_id);
  }
}
