import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { GATE_ICONS } from '../../components/StatusChip';
import { GATE_STATUS_LOOK, GATE_STATUS_ORDER } from '../../lib/statusColors';
import { useGateCellStyles } from './GateCell';
import { useStatusLabels } from '../../components/statusLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

/** What each gate colour means, drawn with the same squares as the board's cells. */
export function GateLegend() {
  const classes = useGateCellStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const labels = useStatusLabels();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      gridGap={10}
      ml="auto"
      aria-label={t('readiness.board.legend')}
    >
      <Typography variant="caption" color="textSecondary">
        {t('readiness.board.legendGates')}
      </Typography>
      {GATE_STATUS_ORDER.map(status => {
        const look = GATE_STATUS_LOOK[status];
        const Icon = GATE_ICONS[status];
        return (
          <Box key={status} display="flex" alignItems="center" gridGap={4}>
            <span
              className={classes.cell}
              style={{ background: look.color, width: 20, height: 16 }}
            >
              <Icon style={{ fontSize: 12, color: look.contrastText }} />
            </span>
            <Typography variant="caption">{labels.gate(status)}</Typography>
          </Box>
        );
      })}
      <Box display="flex" alignItems="center" gridGap={4}>
        <span
          className={classes.cell}
          style={{
            background: GATE_STATUS_LOOK.pending.color,
            opacity: 0.45,
            width: 20,
            height: 16,
          }}
        />
        <Typography variant="caption">
          {t('readiness.board.legendFaded')}
        </Typography>
      </Box>
    </Box>
  );
}
