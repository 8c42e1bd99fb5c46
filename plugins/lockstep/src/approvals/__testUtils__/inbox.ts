import { hoursAgo, productionRequest } from './fixtures';

/** Three requests waiting for the signed-in user's decision, out of order: 1, 75 and 5 hours old. */
export const waiting = () => [
  productionRequest({
    id: 'newest',
    title: 'Release search 1.2.0',
    entityRef: 'component:default/search-service',
    createdAt: hoursAgo(1),
  }),
  productionRequest({
    id: 'oldest',
    title: 'Release cart 2.5.0',
    createdAt: hoursAgo(75),
  }),
  productionRequest({
    id: 'middle',
    title: 'Release ledger 4.0.1',
    entityRef: 'component:default/ledger-service',
    createdAt: hoursAgo(5),
  }),
];
