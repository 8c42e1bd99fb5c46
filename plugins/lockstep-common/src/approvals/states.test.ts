import {
  APPROVAL_STATES,
  canTransition,
  isDecidable,
  isTerminal,
  nextApprovalState,
  OPEN_APPROVAL_STATES,
  statesTaking,
  TERMINAL_APPROVAL_STATES,
} from './states';
import { ApprovalState } from './types';

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

describe('the state machine', () => {
  it('lists every state once, each either open or final', () => {
    expect(APPROVAL_STATES).toEqual([
      'pending',
      'approved',
      'rejected',
      'cancelled',
      'expired',
      'superseded',
    ]);
    expect(
      [...OPEN_APPROVAL_STATES, ...TERMINAL_APPROVAL_STATES].sort(),
    ).toEqual([...APPROVAL_STATES].sort());
  });

  it('says where each event leads and which states the sweeps select', () => {
    expect(nextApprovalState('pending', 'expire')).toBe('expired');
    expect(nextApprovalState('approved', 'cancel')).toBeUndefined();
    expect(statesTaking('expire')).toEqual(['pending']);
    expect(statesTaking('supersede')).toEqual(['pending']);
    expect(APPROVAL_STATES.filter(isDecidable)).toEqual(['pending']);
  });
});
