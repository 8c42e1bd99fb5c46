import { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/**
 * The frame of every Lockstep action (sign off, revoke, request approval, cancel): a title, what the
 * action does, the fields, the backend's refusal when there is one, and two buttons. It cannot be
 * closed while the action runs.
 */
export function ActionDialog(props: {
  /** Prefix of the element ids. */
  id: string;
  title: ReactNode;
  explanation: ReactNode;
  children: ReactNode;
  /** The refusal, shown in the dialog so that nothing typed is lost. */
  error?: { title?: string; message: string };
  busy: boolean;
  closeLabel: string;
  submitLabel: string;
  submitColor?: 'primary' | 'secondary';
  submitDisabled?: boolean;
  onSubmit(): void;
  onClose(): void;
}) {
  const { busy, error } = props;
  return (
    <Dialog
      open
      onClose={busy ? undefined : props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${props.id}-title`}
    >
      <DialogTitle id={`${props.id}-title`}>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{props.explanation}</DialogContentText>
        {props.children}
        {error && (
          <Alert severity="error" style={{ marginTop: 8 }} role="alert">
            {error.title && <AlertTitle>{error.title}</AlertTitle>}
            {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          {props.closeLabel}
        </Button>
        <Button
          onClick={props.onSubmit}
          color={props.submitColor ?? 'primary'}
          variant="contained"
          disabled={busy || props.submitDisabled}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {props.submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
