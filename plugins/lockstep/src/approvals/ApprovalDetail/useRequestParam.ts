import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The `?request=<id>` query parameter: which request the drawer shows, and how to open or close it. */
export function useRequestParam() {
  const [searchParams, setSearchParams] = useSearchParams();
  const id = searchParams.get('request') ?? undefined;
  const open = useCallback(
    (next: string | undefined) =>
      setSearchParams(current => {
        const params = new URLSearchParams(current);
        if (next) params.set('request', next);
        else params.delete('request');
        return params;
      }),
    [setSearchParams],
  );
  return [id, open] as const;
}
