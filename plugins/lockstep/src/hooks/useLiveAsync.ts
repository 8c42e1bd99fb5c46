import { DependencyList, useEffect, useRef, useState } from 'react';

export interface LiveAsyncState<T> {
  /** The last answer for the current `deps`; kept while reloading and when a reload fails. */
  value?: T;
  /** Set when loading for the current `deps` failed and nothing was loaded for them. */
  error?: Error;
  /** Also true during a quiet reload: show a spinner only when there is no `value`. */
  loading: boolean;
  /** The last quiet reload failed; `value` is what was loaded before. */
  stale?: Error;
}

const sameDeps = (a: DependencyList, b: DependencyList) =>
  a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

/**
 * `useAsync` for what the backend announces changes of: a change of `deps` (another entity, other
 * filters) loads afresh, a change of `refresh` (a signal counter) reloads quietly, keeping the
 * current value on screen while it loads and if it fails.
 */
export function useLiveAsync<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  refresh: number,
): LiveAsyncState<T> {
  const [state, setState] = useState<
    LiveAsyncState<T> & { deps?: DependencyList }
  >({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setState(s =>
      s.deps && sameDeps(s.deps, deps)
        ? { ...s, loading: true }
        : { deps, loading: true },
    );
    loadRef.current().then(
      value => current && setState({ deps, value, loading: false }),
      error =>
        current &&
        setState(s =>
          s.deps && sameDeps(s.deps, deps) && s.value !== undefined
            ? { ...s, loading: false, stale: error }
            : { deps, error, loading: false },
        ),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, refresh]);

  // until the effect has run for new deps, what is held belongs to the old ones
  if (!state.deps || !sameDeps(state.deps, deps)) return { loading: true };
  return state;
}
