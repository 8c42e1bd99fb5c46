import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  APPROVAL_STATES,
  ApprovalListQuery,
  ApprovalState,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useStatusLabels } from '../components/statusLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** How long typing in a text filter waits before the list asks again. */
export const FILTER_DEBOUNCE_MS = 400;

/** What a list is filtered by, as the URL keeps it (`?state=pending,approved&environment=…`). */
export interface ApprovalFilterValues {
  states: ApprovalState[];
  environment: string;
  /** As typed: a user (`jane.doe`, `user:default/jane.doe`), or `me`. */
  requester: string;
}

const isState = (value: string): value is ApprovalState =>
  APPROVAL_STATES.includes(value as ApprovalState);

/**
 * The filters of a list in the page's query string, so that a filtered view can be linked, and how
 * to change them (the page's other parameters, such as `?request=`, stay).
 */
export function useApprovalFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const stateParam = searchParams.get('state') ?? '';
  const environment = searchParams.get('environment') ?? '';
  const requester = searchParams.get('requester') ?? '';
  const filters = useMemo<ApprovalFilterValues>(
    () => ({
      states: stateParam.split(',').filter(isState),
      environment,
      requester,
    }),
    [stateParam, environment, requester],
  );
  const setFilters = useCallback(
    (changes: Partial<ApprovalFilterValues>) =>
      setSearchParams(
        current => {
          const next = new URLSearchParams(current);
          const put = (name: string, value: string) => {
            if (value) next.set(name, value);
            else next.delete(name);
          };
          if (changes.states) put('state', changes.states.join(','));
          if (changes.environment !== undefined) {
            put('environment', changes.environment);
          }
          if (changes.requester !== undefined) {
            put('requester', changes.requester);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return [filters, setFilters] as const;
}

/**
 * A requester as the backend takes it: `me`, or a user entity ref; a bare name is a user in the
 * default namespace (`jane.doe` → `user:default/jane.doe`).
 */
export function requesterRef(typed: string): string | undefined {
  const value = typed.trim();
  if (!value) return undefined;
  if (value === 'me' || value.includes(':')) return value;
  return value.includes('/') ? `user:${value}` : `user:default/${value}`;
}

/** The query fields of the filters (none for a filter left empty). */
export function filterQuery(
  filters: ApprovalFilterValues,
): Partial<ApprovalListQuery> {
  const environment = filters.environment.trim();
  const requester = requesterRef(filters.requester);
  return {
    ...(filters.states.length > 0 && { state: filters.states }),
    ...(environment && { environment }),
    ...(requester && { requester }),
  };
}

export const hasFilters = (filters: ApprovalFilterValues) =>
  filters.states.length > 0 || !!filters.environment || !!filters.requester;

const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'flex-start',
      gap: theme.spacing(2),
      marginBottom: theme.spacing(2),
      [theme.breakpoints.down('xs')]: {
        flexDirection: 'column',
        alignItems: 'stretch',
        gap: theme.spacing(1.5),
      },
    },
    state: {
      width: 220,
      [theme.breakpoints.down('xs')]: { width: '100%' },
    },
    text: {
      width: 200,
      [theme.breakpoints.down('xs')]: { width: '100%' },
    },
    requester: {
      display: 'flex',
      alignItems: 'center',
      flexWrap: 'wrap',
      gap: theme.spacing(1),
      [theme.breakpoints.down('xs')]: { '& > *': { width: '100%' } },
    },
    mine: { marginLeft: 0, marginRight: 0 },
  }),
  { name: 'LockstepApprovalFilters' },
);

/** A text field that commits what is typed after a pause, on Enter and when it loses focus. */
function DebouncedField(props: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  helperText?: string;
  disabled?: boolean;
  className?: string;
  maxLength: number;
  onCommit(value: string): void;
}) {
  const { value, onCommit } = props;
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // what the URL says, when it changes from elsewhere (back button, a link, "mine")
  useEffect(() => setText(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const commit = (next: string) => {
    clearTimeout(timer.current);
    if (next !== value) onCommit(next);
  };
  return (
    <TextField
      id={props.id}
      label={props.label}
      value={text}
      placeholder={props.placeholder}
      helperText={props.helperText}
      disabled={props.disabled}
      className={props.className}
      variant="outlined"
      size="small"
      inputProps={{ maxLength: props.maxLength }}
      onChange={e => {
        const next = e.target.value;
        setText(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(next), FILTER_DEBOUNCE_MS);
      }}
      onBlur={() => commit(text)}
      onKeyDown={e => {
        if (e.key === 'Enter') commit(text);
      }}
    />
  );
}

/**
 * The filters above a list of requests: states (several), environment, and (unless the list is
 * the viewer's own) requester with a switch for "only mine". They stack on a phone.
 */
export function ApprovalFilters(props: {
  /** Makes the ids unique on the page. */
  id: string;
  value: ApprovalFilterValues;
  onChange(changes: Partial<ApprovalFilterValues>): void;
  /** Whether the requester can be chosen. */
  requester?: boolean;
}) {
  const { id, value, onChange } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const labels = useStatusLabels();
  const mine = value.requester === 'me';
  return (
    <Box
      className={classes.root}
      role="search"
      aria-label={t('approvals.list.filters')}
    >
      <TextField
        id={`${id}-state`}
        select
        label={t('approvals.list.state')}
        className={classes.state}
        variant="outlined"
        size="small"
        value={value.states}
        SelectProps={{
          multiple: true,
          displayEmpty: true,
          renderValue: selected => {
            const states = selected as ApprovalState[];
            return states.length === 0
              ? t('approvals.list.allStates')
              : states.map(labels.approval).join(', ');
          },
        }}
        InputLabelProps={{ shrink: true }}
        onChange={e => {
          const picked = e.target.value as unknown as string[];
          // in the machine's order, whatever order they were picked in
          onChange({
            states: APPROVAL_STATES.filter(state => picked.includes(state)),
          });
        }}
      >
        {APPROVAL_STATES.map(state => (
          <MenuItem key={state} value={state}>
            <Checkbox
              size="small"
              checked={value.states.includes(state)}
              inputProps={{ 'aria-hidden': true }}
              tabIndex={-1}
            />
            <ListItemText primary={labels.approval(state)} />
          </MenuItem>
        ))}
      </TextField>
      <DebouncedField
        id={`${id}-environment`}
        label={t('approvals.list.environment')}
        placeholder={t('approvals.list.environmentPlaceholder')}
        className={classes.text}
        value={value.environment}
        maxLength={100}
        onCommit={environment => onChange({ environment })}
      />
      {props.requester && (
        <Box className={classes.requester}>
          <DebouncedField
            id={`${id}-requester`}
            label={t('approvals.list.requester')}
            placeholder={t('approvals.list.requesterPlaceholder')}
            className={classes.text}
            value={mine ? '' : value.requester}
            maxLength={255}
            disabled={mine}
            onCommit={requester => onChange({ requester })}
          />
          <FormControlLabel
            className={classes.mine}
            control={
              <Switch
                checked={mine}
                onChange={e =>
                  onChange({ requester: e.target.checked ? 'me' : '' })
                }
                color="primary"
              />
            }
            label={t('approvals.list.mine')}
          />
        </Box>
      )}
    </Box>
  );
}
