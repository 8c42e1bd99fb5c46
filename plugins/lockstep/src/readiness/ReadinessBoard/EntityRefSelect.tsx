import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/** A filter choosing one entity of a list, or all ("" is all). */
export function EntityRefSelect(props: {
  id: string;
  label: string;
  allLabel: string;
  defaultKind: string;
  value: string;
  refs: string[];
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      size="small"
      variant="outlined"
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      style={{ minWidth: 180 }}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
    >
      <MenuItem value="">{props.allLabel}</MenuItem>
      {props.refs.map(ref => (
        <MenuItem key={ref} value={ref}>
          <EntityDisplayName
            entityRef={ref}
            defaultKind={props.defaultKind}
            hideIcon
            disableTooltip
          />
        </MenuItem>
      ))}
    </TextField>
  );
}
