import {
  READINESS_STATUSES,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import Checkbox from '@material-ui/core/Checkbox';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useStatusLabels } from '../../components/statusLabels';
import { EntityRefSelect } from './EntityRefSelect';
import { GateLegend } from './GateLegend';
import { GroupBy } from './types';
import { Toolbar } from '../../components/Toolbar';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

/**
 * The board's grouping and filters, and the gate legend. `onChange` gets the URL parameters to set,
 * "" removing one, since the board keeps its filters in the URL.
 */
export function BoardToolbar(props: {
  groupBy: GroupBy;
  owner: string;
  system: string;
  statuses: ReadinessStatus[];
  team: string;
  options: {
    owners: string[];
    systems: string[];
    teams: Array<{ entityRef: string; title: string; mine: boolean }>;
  };
  onChange(changes: Record<string, string>): void;
}) {
  const { groupBy, owner, system, statuses, team, options, onChange } = props;
  const mine = options.teams.filter(option => option.mine);
  const others = options.teams.filter(option => !option.mine);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const labels = useStatusLabels();
  return (
    <Toolbar>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={groupBy}
        onChange={(_e, value) => value && onChange({ groupBy: value })}
        aria-label={t('readiness.board.groupBy')}
      >
        <ToggleButton value="owner">{t('readiness.board.byTeam')}</ToggleButton>
        <ToggleButton value="system">
          {t('readiness.board.bySystem')}
        </ToggleButton>
      </ToggleButtonGroup>
      <EntityRefSelect
        id="lockstep-board-owner"
        label={t('readiness.board.owner')}
        allLabel={t('readiness.board.allOwners')}
        defaultKind="group"
        value={owner}
        refs={options.owners}
        onChange={value => onChange({ owner: value })}
      />
      <EntityRefSelect
        id="lockstep-board-system"
        label={t('readiness.board.system')}
        allLabel={t('readiness.board.allSystems')}
        defaultKind="system"
        value={system}
        refs={options.systems}
        onChange={value => onChange({ system: value })}
      />
      <TextField
        select
        size="small"
        variant="outlined"
        id="lockstep-board-team"
        label={t('readiness.board.team')}
        value={team}
        onChange={e => onChange({ team: e.target.value })}
        style={{ minWidth: 180 }}
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
      >
        <MenuItem value="">{t('readiness.board.allTeams')}</MenuItem>
        {mine.length > 0 && (
          <ListSubheader>{t('readiness.board.myTeams')}</ListSubheader>
        )}
        {mine.map(option => (
          <MenuItem key={option.entityRef} value={option.entityRef}>
            {option.title}
          </MenuItem>
        ))}
        {mine.length > 0 && others.length > 0 && (
          <ListSubheader>{t('readiness.board.otherTeams')}</ListSubheader>
        )}
        {others.map(option => (
          <MenuItem key={option.entityRef} value={option.entityRef}>
            {option.title}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        variant="outlined"
        id="lockstep-board-status"
        label={t('readiness.board.status')}
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
              ? (value as ReadinessStatus[]).map(labels.readiness).join(', ')
              : t('readiness.board.allStatuses'),
        }}
        InputLabelProps={{ shrink: true }}
      >
        {READINESS_STATUSES.filter(s => s !== 'unknown').map(s => (
          <MenuItem key={s} value={s}>
            <Checkbox size="small" checked={statuses.includes(s)} />
            <ListItemText primary={labels.readiness(s)} />
          </MenuItem>
        ))}
      </TextField>
      <GateLegend />
    </Toolbar>
  );
}
