import fc from 'fast-check';
import { clone, Dimension, Draft, Mutation, Persona } from '../draft';
import { Operation } from '../spec';

/** One class of bad input on one route; its arbitrary varies the details. */
export interface MutationClass {
  dim: Dimension;
  cls: string;
  arb: fc.Arbitrary<Mutation>;
  /** Every variant, where they are a fixed list: the catalogue sends each once. */
  all?: Mutation[];
  heavy?: boolean;
}

export interface FuzzContext {
  operations: Operation[];
  /** `Bearer ...` of each persona. */
  tokens: Partial<Record<Persona, string>>;
  /** The user ref a forged token claims to be. */
  forgedSubject: string;
}

export const mutation = (
  dim: Dimension,
  cls: string,
  apply: (draft: Draft) => Draft | undefined,
  options: Partial<Mutation> = {},
): Mutation => ({ dim, cls, apply, ...options });

/** A class whose variants are fixed values. */
export function fixed<T>(
  dim: Dimension,
  cls: string,
  values: T[],
  apply: (draft: Draft, value: T) => Draft | undefined,
  options: Partial<Mutation> = {},
): MutationClass {
  const all = values.map(value =>
    mutation(dim, cls, draft => apply(clone(draft), value), options),
  );
  return { dim, cls, heavy: options.heavy, all, arb: fc.constantFrom(...all) };
}

/** A class whose variants come from an arbitrary. */
export function generated<T>(
  dim: Dimension,
  cls: string,
  values: fc.Arbitrary<T>,
  apply: (draft: Draft, value: T) => Draft | undefined,
  options: Partial<Mutation> = {},
): MutationClass {
  return {
    dim,
    cls,
    heavy: options.heavy,
    arb: values.map(value =>
      mutation(dim, cls, draft => apply(clone(draft), value), options),
    ),
  };
}
