import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { builtinReadinessChecks } from './builtinChecks';
import { readReadinessConfig } from './config';
import { ReadinessCheckRegistry } from './ReadinessCheckRegistry';
import { sampleReadinessConfig } from '../__testUtils__/sampleCatalog';

const checks = new ReadinessCheckRegistry();
checks.add(...builtinReadinessChecks);

const read = (readiness: unknown) =>
  readReadinessConfig(
    new ConfigReader({ lockstep: { readiness: readiness as JsonValue } }),
    checks,
  );

const gate = (fields: Record<string, unknown> = {}) => ({
  id: 'security-review',
  title: 'Security review',
  team: 'group:default/security',
  type: 'signoff',
  validFor: 'P90D',
  ...fields,
});
const profile = (fields: Record<string, unknown> = {}) => ({
  id: 'service',
  title: 'Service',
  filter: { kind: ['Component'] },
  gates: [gate()],
  ...fields,
});

describe('readReadinessConfig', () => {
  it('reads the demo app profiles: inherited gates first, durations, teams', () => {
    const config = read(sampleReadinessConfig());
    const critical = config.profiles.find(p => p.id === 'critical-service')!;
    expect(critical.extends).toEqual(['production-service']);
    expect(critical.gates.map(g => g.id)).toEqual([
      'owner-team',
      'on-call',
      'runbook',
      'declared-apis',
      'product-acceptance',
      'security-review',
    ]);
    expect(critical.gates.at(-1)).toMatchObject({
      validForMs: 90 * 86_400_000,
      required: true,
    });
    expect(config.expiryWarningMs).toBe(7 * 86_400_000);
    expect([...config.teams.keys()].sort()).toEqual([
      'group:default/platform-sre',
      'group:default/product',
      'group:default/security',
    ]);
  });

  it('accepts short team names, ISO and object durations', () => {
    const config = read({
      expiryWarning: { days: 3 },
      profiles: [
        profile({
          gates: [gate({ team: 'security', validFor: { days: 30 } })],
        }),
      ],
    });
    expect(config.profiles[0].gates[0]).toMatchObject({
      team: 'group:default/security',
      validForMs: 30 * 86_400_000,
    });
    expect(config.expiryWarningMs).toBe(3 * 86_400_000);
  });

  it.each([
    [
      'an unknown gate type',
      { profiles: [profile({ gates: [gate({ type: 'vote' })] })] },
      /at lockstep\.readiness\.profiles\[0\]\.gates\[0\]\.type: Invalid enum value/,
    ],
    [
      'an unknown check type',
      {
        profiles: [
          profile({
            gates: [
              gate({ type: 'check', check: 'coverage', validFor: undefined }),
            ],
          }),
        ],
      },
      /at lockstep\.readiness\.profiles\[0\]\.gates\[0\]\.check: unknown check type 'coverage'; known: annotation-present/,
    ],
    [
      'wrong check params',
      {
        profiles: [
          profile({
            gates: [
              gate({
                type: 'check',
                check: 'annotation-present',
                params: {},
                validFor: undefined,
              }),
            ],
          }),
        ],
      },
      /at lockstep\.readiness\.profiles\[0\]\.gates\[0\]\.params: .*params\.annotation/,
    ],
    [
      'a team that is a user',
      {
        profiles: [
          profile({ gates: [gate({ team: 'user:default/rachel.cohen' })] }),
        ],
      },
      /at lockstep\.readiness\.profiles\[0\]\.gates\[0\]\.team: 'user:default\/rachel\.cohen' must be a Group ref or 'owner'/,
    ],
    [
      'a team that is not a ref',
      { profiles: [profile({ gates: [gate({ team: 'group:default/' })] })] },
      /at lockstep\.readiness\.profiles\[0\]\.gates\[0\]\.team: 'group:default\/' is not an entity ref/,
    ],
    [
      'duplicate gate ids',
      { profiles: [profile({ gates: [gate(), gate({ title: 'Again' })] })] },
      /at lockstep\.readiness\.profiles\[0\]\.gates\[1\]\.id: duplicate gate id 'security-review'/,
    ],
    [
      'a gate id repeating an inherited one',
      { profiles: [profile(), profile({ id: 'strict', extends: 'service' })] },
      /at lockstep\.readiness\.profiles\[1\]\.gates\[0\]\.id: duplicate gate id 'security-review' in profile 'strict'/,
    ],
    [
      'duplicate profile ids',
      { profiles: [profile(), profile()] },
      /at lockstep\.readiness\.profiles\[1\]\.id: duplicate profile id 'service'/,
    ],
    [
      'extending an unknown profile',
      { profiles: [profile({ extends: 'base' })] },
      /at lockstep\.readiness\.profiles\[0\]\.extends: unknown profile 'base'/,
    ],
    [
      'profiles extending each other',
      {
        profiles: [
          profile({ id: 'a', extends: 'b', gates: [] }),
          profile({ id: 'b', extends: 'a', gates: [] }),
        ],
      },
      /at lockstep\.readiness\.profiles\[0\]\.extends: profiles extend each other in a loop/,
    ],
    [
      'a bad duration',
      { profiles: [profile({ gates: [gate({ validFor: 'ninety days' })] })] },
      /at lockstep\.readiness\.profiles\[0\]\.gates\[0\]\.validFor: not a duration/,
    ],
    [
      'an unknown key',
      { profiles: [profile({ gates: [gate({ owner: 'me' })] })] },
      /at lockstep\.readiness\.profiles\[0\]\.gates\[0\]: Unrecognized key\(s\) in object: 'owner'/,
    ],
    [
      'an expiring check',
      {
        profiles: [
          profile({ gates: [gate({ type: 'check', check: 'system-set' })] }),
        ],
      },
      /at lockstep\.readiness\.profiles\[0\]\.gates\[0\]\.validFor: only sign-offs expire/,
    ],
  ])('stops at %s, naming the key', (_what, readiness, message) => {
    expect(() => read(readiness)).toThrow(message);
  });
});
