import { EntityDisplayName } from '@backstage/plugin-catalog-react';

/**
 * A group or user ref as the catalog presents it (its title or display name, the ref on hover). A
 * policy rule whose entity had no owner keeps the word `owner`, which is shown as it is.
 */
export function RefName(props: { entityRef: string; defaultKind?: string }) {
  if (!props.entityRef.includes(':') && !props.entityRef.includes('/')) {
    return <>{props.entityRef}</>;
  }
  return (
    <EntityDisplayName
      entityRef={props.entityRef}
      defaultKind={props.defaultKind ?? 'group'}
      hideIcon
    />
  );
}
