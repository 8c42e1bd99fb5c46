export { EntityDependenciesContent } from './EntityDependenciesContent';
export { EntityDependencyGraphCard } from './EntityDependencyGraphCard';
