import { Component, ReactNode } from 'react';
import Alert from '@material-ui/lab/Alert';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/**
 * An error boundary around one row or one section: what throws while rendering shows `fallback`
 * in its place and the rest of the page stays. When `resetKey` changes (new data loaded), it tries
 * again.
 */
export class Contained extends Component<
  {
    children: ReactNode;
    /** In place of what failed; an error alert naming `what` when absent. */
    fallback?: (error: Error) => ReactNode;
    /** What failed, for the default fallback: "this request", "the audit trail". */
    what?: string;
    resetKey?: unknown;
  },
  { error?: Error; resetKey?: unknown }
> {
  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(
    props: { resetKey?: unknown },
    state: { error?: Error; resetKey?: unknown },
  ) {
    return props.resetKey === state.resetKey
      ? null
      : { error: undefined, resetKey: props.resetKey };
  }

  state: { error?: Error; resetKey?: unknown } = {
    resetKey: this.props.resetKey,
  };

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (this.props.fallback) return this.props.fallback(error);
    return <ContainedError what={this.props.what} error={error} />;
  }
}

/** "Could not show this request: <message>", small enough for a table cell. */
export function ContainedError(props: { what?: string; error: Error }) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Alert severity="error" role="alert">
      {t('common.containedError', {
        what: props.what ?? t('common.containedDefault'),
        message: props.error.message,
      })}
    </Alert>
  );
}
