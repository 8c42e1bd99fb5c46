import { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  GraphNode,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../api';
import { mockSignals } from '../approvals/__testUtils__/render';
import { READINESS_STATUS_LOOK } from '../lib/statusColors';
import { mockLockstepApi } from '../readiness/__testUtils__/fixtures';
import { useNodeColoring } from './useNodeColoring';
import { translationApis } from '../__testUtils__/translations';

const nodes: GraphNode[] = ['a', 'b'].map(name => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  namespace: 'default',
  name,
}));

describe('useNodeColoring', () => {
  it('recolours by readiness when the backend signals a change, keeping the old colours meanwhile', async () => {
    const signals = mockSignals();
    let answer: (statuses: Record<string, ReadinessStatus>) => void = () => {};
    const getReadinessStatuses = jest
      .fn()
      .mockResolvedValueOnce({
        'component:default/a': 'ready',
        'component:default/b': 'blocked',
      })
      .mockImplementationOnce(() => new Promise(resolve => (answer = resolve)));
    const api = mockLockstepApi({ getReadinessStatuses });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider
        apis={[
          [lockstepApiRef, api],
          [signalApiRef, signals.api],
          ...translationApis,
        ]}
      >
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useNodeColoring(nodes, 'readiness'), {
      wrapper,
    });
    await waitFor(() =>
      expect(result.current.colorOf(nodes[1])).toBe(
        READINESS_STATUS_LOOK.blocked.color,
      ),
    );

    act(() =>
      signals.publish('lockstep-readiness', { at: new Date().toISOString() }),
    );
    await waitFor(() => expect(getReadinessStatuses).toHaveBeenCalledTimes(2));
    expect(getReadinessStatuses).toHaveBeenLastCalledWith([
      'component:default/a',
      'component:default/b',
    ]);
    expect(result.current.colorOf(nodes[1])).toBe(
      READINESS_STATUS_LOOK.blocked.color,
    );
    expect(result.current.legend.map(l => l.key)).toEqual(['Blocked', 'Ready']);

    await act(async () =>
      answer({
        'component:default/a': 'ready',
        'component:default/b': 'ready',
      }),
    );
    expect(result.current.colorOf(nodes[1])).toBe(
      READINESS_STATUS_LOOK.ready.color,
    );
  });

  it('asks nothing when colouring by something else', async () => {
    const signals = mockSignals();
    const api = mockLockstepApi();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider
        apis={[
          [lockstepApiRef, api],
          [signalApiRef, signals.api],
          ...translationApis,
        ]}
      >
        {children}
      </TestApiProvider>
    );
    renderHook(() => useNodeColoring(nodes, 'owner'), { wrapper });
    act(() =>
      signals.publish('lockstep-readiness', { at: new Date().toISOString() }),
    );
    await act(() => new Promise(resolve => setTimeout(resolve, 700)));
    expect(api.getReadinessStatuses).not.toHaveBeenCalled();
  });
});
