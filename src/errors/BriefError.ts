// Errors as values: what went wrong, where, and what to do about it.

export interface Location {
  file?: string;
  line?: number;
  column?: number;
  /** A field path (figures.bor-acquisition.value), note id or chart id. */
  path?: string;
}

export interface BriefError {
  kind: string;
  where: Location;
  message: string;
  hint?: string;
}

/** Thrown to stop the pipeline; carries every error found so far. */
export class BriefFailure extends Error {
  constructor(public readonly errors: BriefError[]) {
    super(errors.map(formatError).join('\n'));
    this.name = 'BriefFailure';
  }
}

export function formatError(e: BriefError): string {
  const where = formatLocation(e.where);
  return `${where ? where + ': ' : ''}${e.message} [${e.kind}]${e.hint ? ` — ${e.hint}` : ''}`;
}

/** Stops with one error. */
export function fail(e: BriefError): never {
  throw new BriefFailure([e]);
}

export function formatLocation(where: Location): string {
  let s = where.file ?? '';
  if (where.line !== undefined) s += `:${where.line}` + (where.column !== undefined ? `:${where.column}` : '');
  if (where.path) s += (s ? ' ' : '') + where.path;
  return s;
}

