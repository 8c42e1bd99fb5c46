import {
  gateStatusAt,
  GraphTopology,
  OwnReadiness,
  ownReadiness,
  ReadinessGate,
  ReadinessGateDefinition,
  ReadinessProfile,
  ReadinessStatus,
  rollUpReadiness,
} from '@lockstep/backstage-plugin-lockstep-common';
import { ReadinessReplica } from './ReadinessReplica';
import { StoredGate } from './ReadinessStore';

/** Roll-ups are recomputed at least this often, and whenever a sign-off crosses a time boundary. */
const ROLL_UP_MAX_AGE_MS = 60_000;

/** Own and rolled-up status of every node of one topology, by node index. */
export interface RollUp {
  topology: GraphTopology;
  version: number;
  validUntil: number;
  own: OwnReadiness[];
  statuses: ReadinessStatus[];
}

/**
 * The replica's state as it stands at a given time: the gates of one entity, and the roll-up across
 * the graph. Sign-offs warn and expire with time, so every view takes `now`.
 */
export class ReadinessViews {
  private rollUpCache?: RollUp;

  constructor(
    private readonly deps: {
      replica: ReadinessReplica;
      expiryWarningMs: number;
    },
  ) {}

  /** The gates of an entity as they stand at `now`. */
  gateViews(
    profile: ReadinessProfile,
    entityRef: string,
    owner: string | undefined,
    now: number,
  ): ReadinessGate[] {
    const stored = this.deps.replica.gatesOf(entityRef);
    return profile.gates.map(definition => {
      const current = storedGate(stored, definition);
      const base = {
        id: definition.id,
        title: definition.title,
        team: definition.team === 'owner' ? owner ?? 'owner' : definition.team,
        type: definition.type,
        required: definition.required,
        ...(definition.check && { check: definition.check }),
      };
      if (!current) {
        return {
          ...base,
          status: unstoredStatus(definition),
          detail:
            definition.type === 'signoff'
              ? 'Not signed off yet'
              : 'Not evaluated yet',
        };
      }
      const status = gateStatusAt(current, now, this.deps.expiryWarningMs);
      return {
        ...base,
        status,
        detail:
          status === 'expired' && current.status === 'passed'
            ? `Sign-off by ${current.signedBy} expired on ${current.expiresAt}`
            : current.detail,
        since:
          status === 'expired' && current.status === 'passed'
            ? current.expiresAt
            : current.since,
        ...(current.status === 'passed' && {
          signedBy: current.signedBy,
          signedAt: current.signedAt,
          expiresAt: current.expiresAt,
          version: current.version,
        }),
        ...(current.comment && { comment: current.comment }),
      };
    });
  }

  /**
   * Own and rolled-up status of every node of the topology. Cached until the state or the topology
   * changes, a sign-off crosses its warning or expiry time, or a minute passes.
   */
  rollUp(topology: GraphTopology, now: number): RollUp {
    const { replica } = this.deps;
    const cached = this.rollUpCache;
    if (
      cached &&
      cached.topology === topology &&
      cached.version === replica.version &&
      now < cached.validUntil
    ) {
      return cached;
    }
    const warn = this.deps.expiryWarningMs;
    let validUntil = now + ROLL_UP_MAX_AGE_MS;
    const own = topology.nodes.map((node): OwnReadiness => {
      const profile = node.missing
        ? undefined
        : replica.profileOf(node.entityRef);
      if (!profile) return 'unknown';
      const stored = replica.gatesOf(node.entityRef);
      const statuses = profile.gates.map(definition => {
        const gate = storedGate(stored, definition);
        if (!gate) {
          return {
            required: definition.required,
            status: unstoredStatus(definition),
          };
        }
        if (gate.expiresAt && gate.status === 'passed') {
          const expires = Date.parse(gate.expiresAt);
          for (const boundary of [expires - warn, expires]) {
            if (boundary > now && boundary < validUntil) validUntil = boundary;
          }
        }
        return {
          required: definition.required,
          status: gateStatusAt(gate, now, warn),
        };
      });
      return ownReadiness(statuses);
    });
    this.rollUpCache = {
      topology,
      version: replica.version,
      validUntil,
      own,
      statuses: rollUpReadiness(topology, own),
    };
    return this.rollUpCache;
  }
}

/** A gate's stored state, unless the configuration changed its type since (then it starts over). */
function storedGate(
  stored: Map<string, StoredGate> | undefined,
  definition: ReadinessGateDefinition,
): StoredGate | undefined {
  const gate = stored?.get(definition.id);
  return gate?.type === definition.type ? gate : undefined;
}

/** The status of a gate with nothing stored: a sign-off not given yet, a check not run yet. */
function unstoredStatus(definition: ReadinessGateDefinition) {
  return definition.type === 'signoff'
    ? ('pending' as const)
    : ('error' as const);
}
