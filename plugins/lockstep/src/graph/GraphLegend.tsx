import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { lockstepTranslationRef } from '../translation';

/**
 * Under the canvas's bottom left: how many entities and dependencies, how to read the drawing, and
 * what the node colours mean (the first dozen).
 */
export function GraphLegend(props: {
  entities: number;
  dependencies: number;
  /** The root entity's name. */
  root: string;
  legend: Array<{ key: string; color: string }>;
}) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Box
      position="absolute"
      bottom={8}
      left={8}
      p={1}
      bgcolor="background.paper"
      borderRadius={4}
      boxShadow={1}
      maxWidth="60%"
    >
      <Typography variant="caption" component="div">
        {t('graph.legend.summary', {
          entities: t('graph.legend.entities', { count: props.entities }),
          dependencies: t('graph.legend.dependencies', {
            count: props.dependencies,
          }),
          root: props.root,
        })}
      </Typography>
      <Box display="flex" flexWrap="wrap" gridGap={8} mt={0.5}>
        {props.legend.slice(0, 12).map(({ key, color }) => (
          <Typography
            key={key}
            variant="caption"
            style={{ display: 'flex', alignItems: 'center', gap: 4 }}
          >
            <span
              style={{
                width: 10,
                height: 10,
                background: color,
                borderRadius: 2,
                display: 'inline-block',
              }}
            />
            {key}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
