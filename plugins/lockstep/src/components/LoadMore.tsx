import { ReactNode } from 'react';
import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** Under a list the backend answers a page at a time: how much is shown, and the next page. */
export function LoadMore(props: {
  /** "Showing 100 of 240 requests". */
  summary: ReactNode;
  loading: boolean;
  error?: Error;
  onLoadMore(): void;
}) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <>
      <Box display="flex" alignItems="center" gridGap={16} mt={2}>
        <Typography variant="body2" color="textSecondary">
          {props.summary}
        </Typography>
        <Button
          variant="outlined"
          size="small"
          onClick={props.onLoadMore}
          disabled={props.loading}
          startIcon={props.loading ? <CircularProgress size={14} /> : undefined}
        >
          {t('common.loadMore')}
        </Button>
      </Box>
      {props.error && (
        <ResponseErrorPanel
          error={props.error}
          title={t('common.loadMoreFailed')}
        />
      )}
    </>
  );
}
