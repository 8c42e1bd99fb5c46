import { createTranslationRef } from '@backstage/frontend-plugin-api';
import { approvalsMessages } from './messages/approvals';
import { commonMessages } from './messages/common';
import { graphMessages } from './messages/graph';
import { policiesMessages } from './messages/policies';
import { readinessMessages } from './messages/readiness';

/**
 * Every text Lockstep's frontend shows, by capability, in English. An app overrides or translates
 * them with `createTranslationMessages` / `createTranslationResource` for this ref; `{{name}}` is a
 * value put in, and keys ending in `_one` / `_other` are the singular and plural of one message,
 * chosen by `count` (i18next's plural rules).
 *
 * @alpha
 */
export const lockstepTranslationRef = createTranslationRef({
  id: 'lockstep',
  messages: {
    common: commonMessages,
    graph: graphMessages,
    readiness: readinessMessages,
    approvals: approvalsMessages,
    policies: policiesMessages,
  },
});

/** A key of a Lockstep message, as `t` takes it (a plural message by its `_one` / `_other` keys). */
export type LockstepMessageKey = keyof typeof lockstepTranslationRef.T;
