import { useState } from 'react';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import { ApprovalRequestView } from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import { useEntityPolicies } from '../policies/useEntityPolicies';
import { RequestApprovalDialog } from './RequestApprovalDialog';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const REASON_ID = 'lockstep-request-approval-reason';

const useStyles = makeStyles(
  {
    // read by screen readers (a disabled button takes no focus, so its tooltip never opens for them)
    visuallyHidden: {
      position: 'absolute',
      width: 1,
      height: 1,
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
    },
  },
  { name: 'LockstepRequestApprovalButton' },
);

/**
 * "Request approval" and its dialog. It is disabled, with why in a tooltip, when the viewer could
 * request approval for none of the environments the policies name (no policy covers the entity, no
 * quorum can be met without them, or the permission policy does not let them). While that is
 * checked, where it cannot be, and where no policy names an environment, it stays enabled: the
 * dialog checks the environment typed, and the backend decides.
 */
export function RequestApprovalButton(props: {
  entityRef: string;
  onCreated(request: ApprovalRequestView): void;
  /** The entity's open requests, for the warning that a new one replaces one. */
  open?: ApprovalRequestView[];
  /** The entity's name in the dialog; the catalog's title for it when absent. */
  entityName?: string;
  /** Told when the dialog opens and closes, so that what it shows (`open`) is loaded only then. */
  onAsking?(asking: boolean): void;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const { primaryTitle } = useEntityPresentation(props.entityRef);
  const [asking, setAskingState] = useState(false);
  const setAsking = (value: boolean) => {
    setAskingState(value);
    props.onAsking?.(value);
  };
  const policies = useEntityPolicies(props.entityRef);
  const runs = policies.value?.environments ?? [];
  const refused = runs.length > 0 && runs.every(run => !run.requestable);
  const refusals = [...new Set(runs.map(run => run.refusal ?? ''))];

  const reason = refused && (
    <Box>
      <Typography variant="body2">
        {t('policies.button.noEnvironment')}
      </Typography>
      {refusals.length === 1 ? (
        <Typography variant="body2">{refusals[0]}</Typography>
      ) : (
        runs.map(run => (
          <Typography variant="body2" key={run.environment}>
            {t('policies.button.refusal', {
              environment: run.environment,
              refusal: run.refusal ?? '',
            })}
          </Typography>
        ))
      )}
    </Box>
  );

  const button = (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setAsking(true)}
      disabled={refused}
      aria-describedby={refused ? REASON_ID : undefined}
    >
      {t('approvals.entity.requestApproval')}
    </Button>
  );

  return (
    <>
      {reason ? (
        <>
          <Tooltip title={reason}>
            {/* a disabled button gets no pointer events: the tooltip listens on its wrapper */}
            <span>{button}</span>
          </Tooltip>
          <div id={REASON_ID} className={classes.visuallyHidden}>
            {reason}
          </div>
        </>
      ) : (
        button
      )}
      {asking && (
        <RequestApprovalDialog
          entityRef={props.entityRef}
          entityName={props.entityName ?? primaryTitle}
          open={props.open ?? []}
          policies={policies.value}
          onClose={() => setAsking(false)}
          onCreated={created => {
            setAsking(false);
            props.onCreated(created);
          }}
        />
      )}
    </>
  );
}
