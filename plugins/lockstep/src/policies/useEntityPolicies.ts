import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityPolicies,
  EnvironmentPolicy,
} from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../api';

const lower = (value: string) => value.trim().toLocaleLowerCase('en-US');

/** The dry run for `environment` in an answer, compared as the backend does (case-insensitively). */
export function dryRunFor(
  policies: EntityPolicies | undefined,
  environment: string,
): EnvironmentPolicy | undefined {
  if (!environment.trim()) return undefined;
  return policies?.environments.find(
    run => lower(run.environment) === lower(environment),
  );
}

export interface EntityPoliciesState {
  /** The profile and policies of the entity, with a dry run for every environment a policy names. */
  value?: EntityPolicies;
  error?: Error;
  loading: boolean;
  /** The dry run for `environment`, once known. */
  run?: EnvironmentPolicy;
  /** `environment` is not one the policies name, and the backend is being asked about it. */
  checking: boolean;
  /** Asking about `environment` failed. */
  runError?: Error;
}

type Asked = { run?: EnvironmentPolicy; error?: Error };

/**
 * Which profile and policies apply to `entityRef`, and a dry run of a request by the viewer for
 * `environment`: from the first answer when a policy names it, otherwise asked `delayMs` after
 * `environment` last changed (as it is typed), each environment once. `known` is an answer the
 * caller already holds for `entityRef`, used instead of asking again.
 */
export function useEntityPolicies(
  entityRef: string,
  environment = '',
  delayMs = 0,
  known?: EntityPolicies,
): EntityPoliciesState {
  const api = useApi(lockstepApiRef);
  const asked = environment.trim();
  const base = useAsync(
    async () => known ?? api.getEntityPolicies(entityRef),
    [api, entityRef, known],
  );
  const inBase = dryRunFor(base.value, asked);
  const key = `${entityRef}\n${lower(asked)}`;
  const [answers, setAnswers] = useState<Record<string, Asked>>({});
  const answer: Asked | undefined = answers[key];
  const mustAsk = asked !== '' && !base.loading && !inBase && !answer;

  useEffect(() => {
    if (!mustAsk) return undefined;
    let current = true;
    const save = (value: Asked) =>
      current && setAnswers(all => ({ ...all, [key]: value }));
    const timer = setTimeout(
      () =>
        api.getEntityPolicies(entityRef, asked).then(
          value => save({ run: dryRunFor(value, asked) }),
          error => save({ error }),
        ),
      delayMs,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, entityRef, asked, key, mustAsk, delayMs]);

  return {
    value: base.value,
    error: base.error,
    loading: base.loading,
    run: inBase ?? answer?.run,
    checking: asked !== '' && !inBase && !answer,
    runError: inBase ? undefined : answer?.error,
  };
}
