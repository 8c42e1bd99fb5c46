import { Draft, enc } from '../draft';

/** Edits of a draft that the mutations share: a path segment, a query pair, the body. */

export const setSegment = (draft: Draft, param: string, raw: string) => {
  draft.segments[draft.params[param]] = raw;
  return draft;
};

export const setQuery = (draft: Draft, name: string, raw: string | null) => {
  draft.query = draft.query.filter(([k]) => k !== enc(name));
  draft.query.push([enc(name), raw]);
  return draft;
};

/** Replaces the JSON body's object (structured clone already made by `clone`). */
export const withBody = (draft: Draft, change: (body: any) => unknown) => {
  const value = draft.json?.value;
  const next = change(
    value && typeof value === 'object' && !Array.isArray(value) ? value : {},
  );
  draft.json = { value: next };
  delete draft.raw;
  return draft;
};

export const rawJson = (
  draft: Draft,
  text: string,
  contentType = 'application/json',
) => {
  delete draft.json;
  draft.raw = { bytes: Buffer.from(text, 'utf8'), contentType };
  return draft;
};

/** The base body as JSON text with one more member, written by hand (values too deep to stringify). */
export const bodyPlusRaw = (draft: Draft, name: string, valueText: string) => {
  const base = JSON.stringify(draft.json?.value ?? {});
  const open = base === '{}' ? '{' : `${base.slice(0, -1)},`;
  return rawJson(draft, `${open}${JSON.stringify(name)}:${valueText}}`);
};
