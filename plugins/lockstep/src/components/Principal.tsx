import { MouseEvent } from 'react';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * Who a principal string names. People and teams are User and Group entity refs; anything else is a
 * service: the subject of a pipeline's token (`external:demo-pipeline`), a plugin (`plugin:catalog`),
 * a principal type (`service`) or a policy placeholder (`owner`). Only the first kind may be handed
 * to the catalog's components, which throw on what is not an entity ref. With `defaultKind` (for
 * owners and teams, which the catalog lets be written `checkout`), a bare name is of that kind.
 */
/**
 * What a bare name stands for: a team or a person where the catalog lets owners be written `checkout`;
 * a service where only someone who acted is shown (requester, decider, signer), since people act
 * with user refs and a static token's subject is a bare name.
 */
export type PrincipalDefaultKind = 'user' | 'group' | 'service';

export type PrincipalKind =
  | { kind: 'entity'; entityRef: string }
  | { kind: 'service'; label: string };

const ENTITY_KINDS = ['user', 'group'];
const SERVICE_PREFIXES: Record<string, string> = {
  external: 'service',
  plugin: 'plugin',
};

export function classifyPrincipal(
  principal: string,
  defaultKind?: PrincipalDefaultKind,
): PrincipalKind {
  try {
    // without a default kind, a bare word is not a person, whatever it is
    const ref = parseEntityRef(
      principal,
      defaultKind && defaultKind !== 'service'
        ? { defaultKind, defaultNamespace: 'default' }
        : undefined,
    );
    if (ENTITY_KINDS.includes(ref.kind.toLocaleLowerCase('en-US'))) {
      return { kind: 'entity', entityRef: stringifyEntityRef(ref) };
    }
  } catch {
    // not an entity ref at all
  }
  const colon = principal.indexOf(':');
  const prefix = colon > 0 ? principal.slice(0, colon) : '';
  const what = SERVICE_PREFIXES[prefix.toLocaleLowerCase('en-US')];
  if (what && principal.length > colon + 1) {
    return {
      kind: 'service',
      label: `${principal.slice(colon + 1)} (${what})`,
    };
  }
  // a static token's subject is a bare name ("demo-pipeline"); where only actors are shown, say so
  if (defaultKind === 'service' && colon < 0) {
    return { kind: 'service', label: `${principal} (service)` };
  }
  return { kind: 'service', label: principal };
}

function ServiceName(props: { principal: string; label: string }) {
  if (props.label === props.principal) return <>{props.label}</>;
  return (
    <Tooltip title={props.principal}>
      <span>{props.label}</span>
    </Tooltip>
  );
}

/**
 * A person or team as a link to their catalog page; a service principal as plain text
 * ("demo-pipeline (service)", the raw subject on hover).
 */
export function PrincipalLink(props: {
  principal: string;
  /** For owners and teams: `group`; for whoever acted: `service`. */
  defaultKind?: PrincipalDefaultKind;
  /** The kind's icon before a person's or team's name. */
  showIcon?: boolean;
  /** Shown instead of the catalog's name for the entity. */
  title?: string;
  /** `always` inside running text, where colour alone would not set the link apart. */
  underline?: 'always' | 'hover';
  onClick?(event: MouseEvent<HTMLAnchorElement>): void;
}) {
  const who = classifyPrincipal(props.principal, props.defaultKind);
  if (who.kind === 'service') {
    return <ServiceName principal={props.principal} label={who.label} />;
  }
  return (
    <EntityRefLink
      entityRef={who.entityRef}
      hideIcon={!props.showIcon}
      title={props.title}
      underline={props.underline}
      onClick={props.onClick}
    />
  );
}

/** A person or team by the name the catalog gives them, without a link; a service as plain text. */
export function PrincipalName(props: {
  principal: string;
  defaultKind?: PrincipalDefaultKind;
}) {
  const who = classifyPrincipal(props.principal, props.defaultKind);
  if (who.kind === 'service') {
    return <ServiceName principal={props.principal} label={who.label} />;
  }
  return <EntityDisplayName entityRef={who.entityRef} hideIcon />;
}
