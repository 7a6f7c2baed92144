// Types for eval/lib.mjs, so TypeScript tests can import the plain-JavaScript tool.

export interface Question {
  id?: string;
  q: string;
  status: string | string[];
  all?: string[];
  none?: string[];
  conversation?: string;
  kind?: string;
  trap?: string;
}

export interface Reply {
  status?: string;
  answer?: unknown;
  value?: unknown;
}

export interface Check {
  pass: boolean;
  answered: boolean;
  status: string | undefined;
  problems: string[];
  answer: string;
  matched: string;
}

export interface Result extends Check {
  q: Question;
}

export interface Counts {
  passed: number;
  total: number;
  answered: number;
  wrong: number;
}

export interface ScoredSet extends Counts {
  results: Result[];
  error?: string | null;
}

export interface Group {
  passed: number;
  total: number;
}

export interface LockedAggregate {
  stories: number;
  questions: number;
  passed: number;
  accuracy: number;
  interval: { low: number; high: number; draws: number; seed: number; level: number };
  trapsAnswered: { answered: number; traps: number; rate: number; upper95: number };
  answeredWrongly: { wrong: number; answered: number; rate: number };
  byTrap: Record<string, Group>;
  byKind: Record<string, Group>;
  failedToRun: number;
}

export interface SavedRun {
  sets?: Record<string, { questions?: Record<string, { pass: boolean; q: string }> }>;
}

export function parseQuestions(text: string, label?: string): Question[];
export function allowedStatuses(q: Question): string[];
export function isTrap(q: Question): boolean;
export function isAnswerable(q: Question): boolean;
export function checkReply(q: Question, reply: Reply | undefined): Check;
export function parseReplies(stdout: string, count: number): Reply[] | null;
export function scoreSet(questions: Question[], replies: Reply[] | null): ScoredSet;
export function countResults(results: Check[]): Counts;
export function seededRandom(seed: number): () => number;
export function bootstrapInterval(
  stories: Group[],
  options?: { draws?: number; seed?: number; level?: number },
): { estimate: number; low: number; high: number; draws: number };
export function quantile(sorted: ArrayLike<number>, p: number): number;
export function wilson(k: number, n: number, z?: number): { low: number; high: number };
export function lockedAggregate(
  stories: ScoredSet[],
  options?: { draws?: number; seed?: number },
): LockedAggregate;
export function groupAccuracy(results: Result[], keyOf: (r: Result) => unknown): Record<string, Group>;
export function parseLocked(text: string): Set<string>;
export function normaliseStoryPath(p: string): string;
export function askScriptFile(script: string | undefined): string | null;
export function diffRuns(
  previous: SavedRun,
  current: SavedRun,
): { broke: { set: string; id: string; q: string }[]; fixed: { set: string; id: string; q: string }[] };
export const STOPWORDS: Set<string>;
export function words(text: string): string[];
export function distinctiveRuns(text: string, n?: number, minContent?: number): Set<string>;
export function allRuns(text: string, n?: number): Set<string>;
export function findLeaks(
  questionTexts: string[],
  files: { path: string; text: string }[],
  n?: number,
): { path: string; runs: string[] }[];
export function appendLockedRow(doc: string, cells: unknown[]): string;
export interface SetRow extends Counts {
  name: string;
  group: string;
  accuracy: number;
  error?: string;
}
export function setRow(s: ScoredSet & { name: string; group: string }): SetRow;
export function sumRows(rows: Counts[]): Counts & { sets: number; accuracy: number };
export function savedRun(
  open: (ScoredSet & { name: string })[],
  agg: LockedAggregate,
  commit: string,
): SavedRun & { date: string; commit: string; locked: LockedAggregate };
