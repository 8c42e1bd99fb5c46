import { ReactNode, Ref } from 'react';
import TextField from '@material-ui/core/TextField';

/**
 * The free-text field of an action: a comment, a reason, why. Two lines that grow, the dialog's
 * width, and disabled while the action runs.
 */
export function CommentField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  required?: boolean;
  /** Shown as invalid (a required comment left empty). */
  error?: boolean;
  helperText?: ReactNode;
  disabled?: boolean;
  inputRef?: Ref<HTMLTextAreaElement>;
}) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      onBlur={props.onBlur}
      required={props.required}
      error={props.error}
      helperText={props.helperText}
      fullWidth
      multiline
      minRows={2}
      margin="dense"
      variant="outlined"
      disabled={props.disabled}
      inputRef={props.inputRef}
    />
  );
}
