const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id can name a row; others name nothing and must never reach PostgreSQL. */
export const isUuid = (id: string) => UUID.test(id);
