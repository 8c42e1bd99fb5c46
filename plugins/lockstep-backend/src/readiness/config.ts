import { Config } from '@backstage/config';
import {
  ReadinessGateDefinition,
  ReadinessProfile,
} from '@lockstep/backstage-plugin-lockstep-common';
import { z } from 'zod';
import {
  configDuration,
  configId,
  configSection,
  entityFilterSchema,
} from '../configReading';
import { ReadinessCheckRegistry } from './ReadinessCheckRegistry';

/** Lockstep's readiness settings, validated. */
export interface ReadinessConfig {
  profiles: ReadinessProfile[];
  /** A required sign-off this close to expiry makes its entity `at-risk`. */
  expiryWarningMs: number;
  /** Each Group ref that gates name, with the config key of its first use (to verify against the catalog). */
  teams: Map<string, string>;
}

const DAY_MS = 86_400_000;
const section = configSection('lockstep.readiness', 'readiness');
const duration = configDuration;
const id = configId;

const gateSchema = z
  .object({
    id,
    title: z.string().min(1),
    team: z.string().min(1),
    type: z.enum(['check', 'signoff']),
    required: z.boolean().default(true),
    check: z.string().min(1).optional(),
    params: z.record(z.unknown()).optional(),
    validFor: duration.optional(),
  })
  .strict();

const profileSchema = z
  .object({
    id,
    title: z.string().min(1),
    extends: id.optional(),
    filter: entityFilterSchema,
    gates: z.array(gateSchema).default([]),
  })
  .strict();

const configSchema = z
  .object({
    profiles: z.array(profileSchema).default([]),
    expiryWarning: duration.optional(),
    schedule: z.unknown().optional(),
  })
  .strict();

const known = (checks: ReadinessCheckRegistry) =>
  checks
    .list()
    .map(check => check.type)
    .join(', ');

/**
 * Reads and validates `lockstep.readiness`: every mistake (an unknown gate or check type, a team that is
 * not a Group ref, duplicate ids, wrong check params, a profile extending an unknown one) throws with
 * the offending key, so that the backend stops at start rather than misjudging readiness later.
 */
export function readReadinessConfig(
  config: Config,
  checks: ReadinessCheckRegistry,
): ReadinessConfig {
  const raw = section.parse(
    configSchema,
    config.getOptional('lockstep.readiness'),
  );

  const teams = new Map<string, string>();
  const seenProfiles = new Set<string>();
  const gatesOf = new Map<string, ReadinessGateDefinition[]>();
  raw.profiles.forEach((profile, p) => {
    if (seenProfiles.has(profile.id)) {
      throw section.error(
        ['profiles', p, 'id'],
        `duplicate profile id '${profile.id}'`,
      );
    }
    seenProfiles.add(profile.id);
    gatesOf.set(
      profile.id,
      profile.gates.map((gate, g) => {
        const at = (key: string) => ['profiles', p, 'gates', g, key];
        const definition: ReadinessGateDefinition = {
          id: gate.id,
          title: gate.title,
          team: section.team(gate.team, at('team')),
          type: gate.type,
          required: gate.required,
        };
        if (definition.team !== 'owner' && !teams.has(definition.team)) {
          teams.set(definition.team, section.keyOf(at('team')));
        }
        if (gate.type === 'check') {
          if (!gate.check)
            throw section.error(
              at('check'),
              `a check gate needs a check type; known: ${known(checks)}`,
            );
          if (gate.validFor)
            throw section.error(at('validFor'), 'only sign-offs expire');
          const check = checks.get(gate.check);
          if (!check) {
            throw section.error(
              at('check'),
              `unknown check type '${gate.check}'; known: ${known(checks)}`,
            );
          }
          try {
            definition.params = check.parseParams(gate.params ?? {});
          } catch (error) {
            throw section.error(at('params'), (error as Error).message);
          }
          definition.check = gate.check;
        } else {
          if (gate.check || gate.params)
            throw section.error(
              at('check'),
              'a sign-off gate takes no check or params',
            );
          if (gate.validFor)
            definition.validForMs = section.duration(
              gate.validFor,
              at('validFor'),
            );
        }
        return definition;
      }),
    );
  });

  const byId = new Map(raw.profiles.map(profile => [profile.id, profile]));
  const profiles = raw.profiles.map((profile, p): ReadinessProfile => {
    const chain: string[] = [];
    for (
      let parent = profile.extends;
      parent;
      parent = byId.get(parent)?.extends
    ) {
      if (!byId.has(parent)) {
        throw section.error(
          ['profiles', p, 'extends'],
          `unknown profile '${parent}'`,
        );
      }
      if (parent === profile.id || chain.includes(parent)) {
        throw section.error(
          ['profiles', p, 'extends'],
          `profiles extend each other in a loop through '${parent}'`,
        );
      }
      chain.push(parent);
    }
    // inherited gates first, so that a stricter profile reads as "the base, plus"
    const gates = [...chain]
      .reverse()
      .flatMap(parent => gatesOf.get(parent)!)
      .concat(gatesOf.get(profile.id)!);
    const seen = new Set<string>();
    gates.forEach(gate => {
      if (seen.has(gate.id)) {
        const own = gatesOf.get(profile.id)!.indexOf(gate);
        throw section.error(
          own >= 0
            ? ['profiles', p, 'gates', own, 'id']
            : ['profiles', p, 'extends'],
          `duplicate gate id '${gate.id}' in profile '${profile.id}' (gate ids are unique within a profile, inherited ones included)`,
        );
      }
      seen.add(gate.id);
    });
    return {
      id: profile.id,
      title: profile.title,
      extends: chain,
      filter: profile.filter,
      gates,
    };
  });

  return {
    profiles,
    teams,
    expiryWarningMs: raw.expiryWarning
      ? section.duration(raw.expiryWarning, ['expiryWarning'])
      : 7 * DAY_MS,
  };
}
