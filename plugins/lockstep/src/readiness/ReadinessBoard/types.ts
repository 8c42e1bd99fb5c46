/** What the board's rows are grouped by. */
export type GroupBy = 'owner' | 'system';
