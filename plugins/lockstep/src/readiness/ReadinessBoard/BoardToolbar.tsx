import {
  READINESS_STATUSES,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import Checkbox from '@material-ui/core/Checkbox';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { READINESS_STATUS_LOOK } from '../../lib/statusColors';
import { EntityRefSelect } from './EntityRefSelect';
import { GateLegend } from './GateLegend';
import { GroupBy } from './types';
import { Toolbar } from '../../components/Toolbar';

/**
 * The board's grouping and filters, and the gate legend. `onChange` gets the URL parameters to set,
 * "" removing one, since the board keeps its filters in the URL.
 */
export function BoardToolbar(props: {
  groupBy: GroupBy;
  owner: string;
  system: string;
  statuses: ReadinessStatus[];
  options: { owners: string[]; systems: string[] };
  onChange(changes: Record<string, string>): void;
}) {
  const { groupBy, owner, system, statuses, options, onChange } = props;
  return (
    <Toolbar>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={groupBy}
        onChange={(_e, value) => value && onChange({ groupBy: value })}
        aria-label="Group by"
      >
        <ToggleButton value="owner">By team</ToggleButton>
        <ToggleButton value="system">By system</ToggleButton>
      </ToggleButtonGroup>
      <EntityRefSelect
        id="lockstep-board-owner"
        label="Owner"
        allLabel="All owners"
        defaultKind="group"
        value={owner}
        refs={options.owners}
        onChange={value => onChange({ owner: value })}
      />
      <EntityRefSelect
        id="lockstep-board-system"
        label="System"
        allLabel="All systems"
        defaultKind="system"
        value={system}
        refs={options.systems}
        onChange={value => onChange({ system: value })}
      />
      <TextField
        select
        size="small"
        variant="outlined"
        id="lockstep-board-status"
        label="Status"
        value={statuses}
        onChange={e =>
          onChange({
            status: (e.target.value as unknown as string[]).join(','),
          })
        }
        style={{ minWidth: 180 }}
        SelectProps={{
          multiple: true,
          displayEmpty: true,
          renderValue: value =>
            (value as string[]).length
              ? (value as ReadinessStatus[])
                  .map(s => READINESS_STATUS_LOOK[s].label)
                  .join(', ')
              : 'All statuses',
        }}
        InputLabelProps={{ shrink: true }}
      >
        {READINESS_STATUSES.filter(s => s !== 'unknown').map(s => (
          <MenuItem key={s} value={s}>
            <Checkbox size="small" checked={statuses.includes(s)} />
            <ListItemText primary={READINESS_STATUS_LOOK[s].label} />
          </MenuItem>
        ))}
      </TextField>
      <GateLegend />
    </Toolbar>
  );
}
