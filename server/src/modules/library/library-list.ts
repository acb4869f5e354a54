import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { In } from 'typeorm';
import { cursorTimeSql, decodeCursor, pageOf } from '../../graphql/pagination';
import type { Page } from './library-connections';
import type { LibraryListArgs } from './library.inputs';

/** `%words%` for ILIKE, with the pattern's own wildcards taken literally. */
const containing = (search: string) => `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of a user's items of a library table, newest first, optionally only those whose
 * `searchText` (an SQL expression over the row) contains the search words. Two statements
 * whatever the page size: the ids in order, then the rows.
 */
export async function libraryPage<T extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  target: { entity: EntityTarget<T>; table: string; searchText: string },
  userId: string,
  args: LibraryListArgs,
): Promise<Page<T>> {
  const cursor = args.after ? decodeCursor(args.after) : null;
  const search = args.search?.trim() ? containing(args.search) : null;
  const rows = (await dataSource.query(
    `SELECT id, ${cursorTimeSql('created_at')} AS cursor_time FROM ${target.table}
     WHERE owner_id = $1
       AND ($2::text IS NULL OR (${target.searchText}) ILIKE $2)
       AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
     ORDER BY created_at DESC, id DESC
     LIMIT $5`,
    [userId, search, cursor?.createdAt ?? null, cursor?.id ?? null, args.first + 1],
  )) as Array<{ id: string; cursor_time: string }>;
  return pageOf(rows, args.first, (ids) =>
    dataSource.getRepository(target.entity).findBy({ id: In(ids) } as never),
  );
}
