import { useSearchParams } from 'react-router-dom';

export type MyApprovalsTab = 'waiting' | 'mine';

/** Which tab shows, in the URL (`?tab=mine`), so that a link opens it. */
export function useTabParam() {
  const [searchParams, setSearchParams] = useSearchParams();
  const tab: MyApprovalsTab =
    searchParams.get('tab') === 'mine' ? 'mine' : 'waiting';
  const setTab = (next: MyApprovalsTab) =>
    setSearchParams(current => {
      const params = new URLSearchParams(current);
      if (next === 'mine') params.set('tab', 'mine');
      else params.delete('tab');
      return params;
    });
  return [tab, setTab] as const;
}
