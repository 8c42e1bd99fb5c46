import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** How the read-scope tests tell whether an answer names what its reader may not read. */

export interface Seen {
  what: string;
  text: string;
  /** What the caller sent: an answer may repeat it without telling them anything. */
  asked: string;
}

/** An answer without the echo of the caller's own request line, which tells them nothing new. */
export function learnedFrom(text: string) {
  try {
    const { request: _echo, ...rest } = JSON.parse(text);
    return _echo && rest.error ? JSON.stringify(rest) : text;
  } catch {
    return text;
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` without `spellings` of one thing, when the caller sent it themselves in one of them. */
export function withoutEcho(text: string, asked: string, spellings: string[]) {
  if (!spellings.some(term => asked.includes(term))) return text;
  return spellings.reduce(
    (rest, term) => rest.replace(new RegExp(escape(term), 'gi'), '…'),
    text,
  );
}

/** Where `text` names an entity: its ref, its name as a whole word, or its title. */
export function mentions(entity: Entity, extraTerms: string[] = []) {
  const ref = stringifyEntityRef(entity);
  const patterns = [
    new RegExp(escape(ref), 'i'),
    new RegExp(`(?<![\\w.-])${escape(entity.metadata.name)}(?![\\w-])`, 'i'),
    ...(entity.metadata.title
      ? [new RegExp(escape(entity.metadata.title))]
      : []),
    ...extraTerms.map(term => new RegExp(escape(term))),
  ];
  return (text: string) => patterns.some(p => p.test(text));
}
