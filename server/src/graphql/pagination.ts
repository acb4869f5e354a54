import { Field, ObjectType } from 'type-graphql';
import { AppError } from './errors';

/** The most items one page of any connection holds. */
export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** SQL for a row's cursor time to the microsecond: a JS Date would round it and skip rows. */
export const cursorTimeSql = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** An opaque cursor for newest-first lists ordered by (created_at, id). */
export const encodeCursor = (row: { cursor_time: string; id: string }) =>
  Buffer.from(`${row.cursor_time}|${row.id}`).toString('base64url');

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError(
      'BAD_USER_INPUT',
      'That page cursor is not valid; start from the first page.',
    );
  }
  return { createdAt, id };
}

/** Refuses a page size outside 1..100 with a clear message. */
export function assertPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new AppError('BAD_USER_INPUT', `Ask for 1 to ${MAX_PAGE_SIZE} items at a time.`);
  }
}

/**
 * A page of a newest-first connection from its rows in order (one more than `first`, which says
 * whether there is a next page) and a loader of their nodes by id, in one statement.
 */
export async function pageOf<Node extends { id: string }>(
  rows: Array<{ id: string; cursor_time: string }>,
  first: number,
  load: (ids: string[]) => Promise<Node[]>,
): Promise<{ edges: Array<{ cursor: string; node: Node }>; pageInfo: PageInfo }> {
  const page = rows.slice(0, first);
  const nodes = page.length > 0 ? await load(page.map((row) => row.id)) : [];
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return {
    edges: page.flatMap((row) => {
      const node = byId.get(row.id);
      return node ? [{ cursor: encodeCursor(row), node }] : [];
    }),
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: page.length > 0 ? encodeCursor(page[page.length - 1]!) : null,
    },
  };
}
