import { canTransition, isTerminal } from './transitions';
import { APPROVAL_STATES, ApprovalState } from './types';

describe('canTransition', () => {
  it('moves a pending request to any final state, but not back to pending', () => {
    const finals: ApprovalState[] = [
      'approved',
      'rejected',
      'cancelled',
      'expired',
      'superseded',
    ];
    for (const to of finals) expect(canTransition('pending', to)).toBe(true);
    expect(canTransition('pending', 'pending')).toBe(false);
  });

  it('never moves a request out of a final state', () => {
    for (const from of APPROVAL_STATES.filter(isTerminal)) {
      for (const to of APPROVAL_STATES) {
        expect(canTransition(from, to)).toBe(false);
      }
    }
  });
});

describe('isTerminal', () => {
  it('treats every state but pending as final', () => {
    expect(APPROVAL_STATES.filter(state => !isTerminal(state))).toEqual([
      'pending',
    ]);
  });
});
