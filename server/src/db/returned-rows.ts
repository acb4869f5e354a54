/** TypeORM answers UPDATE/DELETE … RETURNING with [rows, count] and plain SELECTs with rows. */
export function returnedRows<T>(result: unknown[]): T[] {
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}
