/** Lockstep's English messages shared by every capability: buttons, statuses, paging, errors (see `lockstepTranslationRef`). */
export const commonMessages = {
  cancel: 'Cancel',
  close: 'Close',
  and: 'and',
  never: 'never',
  expiresIn: 'expires {{when}}',
  closedAt: 'closed {{when}}',
  notInCatalog: '{{name}} (not in the catalog)',
  loadMore: 'Load more',
  loadMoreFailed: 'Could not load the next page',
  containedError: 'Could not show {{what}}: {{message}}',
  containedDefault: 'this part',
  readinessStatus: {
    notReady: 'Not ready',
    blocked: 'Blocked',
    atRisk: 'At risk',
    ready: 'Ready',
    unknown: 'No profile',
  },
  gateStatus: {
    error: 'Error',
    failed: 'Failing',
    expired: 'Expired',
    pending: 'Awaiting sign-off',
    expiring: 'Expiring soon',
    passed: 'Passed',
  },
} as const;
