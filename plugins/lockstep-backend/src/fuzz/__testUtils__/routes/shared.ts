import { Draft, enc, Mutation, Persona } from '../draft';
import { semantic, setQuery, withBody } from '../mutations';

/** What the valid requests made before the fuzzing, so that bad requests can aim at real ids. */
export interface Targets {
  /** Pending production request of payment-gateway by Priya, past its first stage (Marcus). */
  pending: string;
  /** Pending staging request of cart-service by Daniel: what cancellations aim at. */
  pendingToCancel: string;
  /** A request Priya cancelled: waits on it answer at once. */
  cancelled: string;
}

export const LEDGER = {
  kind: 'component',
  namespace: 'default',
  name: 'ledger-service',
};
export const [ODD_ENVIRONMENTS, LONG] = [
  ['PRODUCTION', 'unnamed', ' '],
  'e'.repeat(201),
];
export const NO_SUCH_ENTITY = {
  kind: 'component',
  namespace: 'default',
  name: 'no-such-service',
};

export const as = (
  persona: Persona,
  cls: string,
  expect?: number[],
): Mutation =>
  semantic(
    'auth',
    cls,
    draft => {
      draft.as = persona;
      delete draft.authorization;
      return draft;
    },
    expect && { expect },
  );

export const query = (
  cls: string,
  name: string,
  values: string[],
  options = {},
) =>
  values.map(value =>
    semantic('query', cls, draft => setQuery(draft, name, enc(value)), options),
  );

export const body = (
  cls: string,
  change: Record<string, unknown> | ((body: any) => unknown),
  options: Partial<Mutation> = {},
) =>
  semantic(
    'body',
    cls,
    draft =>
      withBody(draft, current =>
        typeof change === 'function'
          ? change(current)
          : { ...current, ...change },
      ),
    options,
  );

export const pathTo = (
  cls: string,
  values: Record<string, string>,
  options = {},
) =>
  semantic(
    'path',
    cls,
    (draft: Draft) => {
      for (const [name, value] of Object.entries(values)) {
        draft.segments[draft.params[name]] = enc(value);
      }
      return draft;
    },
    options,
  );

/** Entity refs that are no entity ref at all (400), and well-formed ones of nothing (404). */
export const MALFORMED_REFS = [
  '',
  ' ',
  ':',
  '/',
  'component:',
  'component:default/',
  ':default/checkout-service',
  'checkout-service', // no kind, and none to default to
  'component:default/checkout-service/extra',
  'a:b:c',
];
