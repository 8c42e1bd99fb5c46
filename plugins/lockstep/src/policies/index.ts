export { EntityPoliciesCard } from './EntityPoliciesCard';
export { PoliciesContent, PoliciesPage } from './PoliciesPage';
export { PoliciesOverview } from './PoliciesOverview';
