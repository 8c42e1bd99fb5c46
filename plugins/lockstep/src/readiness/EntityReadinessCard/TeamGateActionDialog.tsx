import { GateActionDialog } from '../GateActionDialog';
import { useTeamLabel } from './useTeamLabel';

/** The gate action dialog, naming the team that owns the gate. */
export function TeamGateActionDialog(
  props: Omit<Parameters<typeof GateActionDialog>[0], 'teamLabel'> & {
    gate: { team: string };
  },
) {
  const teamLabel = useTeamLabel(props.gate.team);
  return <GateActionDialog {...props} teamLabel={teamLabel} />;
}
