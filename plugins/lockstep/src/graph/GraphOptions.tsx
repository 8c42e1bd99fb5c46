import { useId, useRef, useState } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DEFAULT_GRAPH_RELATIONS,
  GraphRelation,
  GRAPH_RELATIONS,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Popover from '@material-ui/core/Popover';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import TuneIcon from '@material-ui/icons/Tune';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { lockstepTranslationRef } from '../translation';
import { ColorBy } from './coloring';
import { useGraphWords } from './graphWords';
import { GraphView } from './useGraphView';

const KINDS = ['Component', 'API', 'Resource', 'System'];
const COLOR_BYS: ColorBy[] = ['readiness', 'owner', 'system', 'kind'];
const COLOR_BY_KEYS = {
  readiness: 'graph.toolbar.colorByReadiness',
  owner: 'graph.toolbar.colorByOwner',
  system: 'graph.toolbar.colorBySystem',
  kind: 'graph.toolbar.colorByKind',
} as const;

const toggle = <T,>(list: T[], item: T) =>
  list.includes(item) ? list.filter(i => i !== item) : [...list, item];

/** How many of the options differ from their defaults. */
export function changedOptions(view: GraphView): number {
  const relationsChanged =
    view.relations.length !== DEFAULT_GRAPH_RELATIONS.length ||
    view.relations.some(r => !DEFAULT_GRAPH_RELATIONS.includes(r));
  return (
    Number(relationsChanged) +
    Number(view.kinds.length > 0) +
    Number(view.colorBy !== 'readiness')
  );
}

/**
 * The Dependencies tab's less-used options behind one button: which relations to follow, which
 * kinds to show, and what the node colours mean.
 */
export function GraphOptions(props: {
  view: GraphView;
  update(changes: Partial<GraphView>): void;
}) {
  const { view, update } = props;
  const { t } = useTranslationRef(lockstepTranslationRef);
  const words = useGraphWords();
  const anchor = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const id = useId();
  const changed = changedOptions(view);
  const setRelations = (relations: GraphRelation[]) => update({ relations });
  return (
    <>
      <Button
        ref={anchor}
        size="small"
        variant="outlined"
        startIcon={<TuneIcon />}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? `${id}-options` : undefined}
        onClick={() => setOpen(true)}
      >
        {changed
          ? t('graph.toolbar.optionsChanged', { count: changed })
          : t('graph.toolbar.options')}
      </Button>
      <Popover
        open={open}
        anchorEl={anchor.current}
        onClose={() => setOpen(false)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        PaperProps={{
          id: `${id}-options`,
          role: 'dialog',
          'aria-labelledby': `${id}-title`,
        }}
      >
        <Box
          p={2}
          display="flex"
          flexDirection="column"
          gridGap={16}
          maxWidth={360}
        >
          <Typography id={`${id}-title`} variant="subtitle2" component="h2">
            {t('graph.toolbar.optionsTitle')}
          </Typography>
          <FormControl component="fieldset">
            <FormLabel component="legend">
              {t('graph.toolbar.relations')}
            </FormLabel>
            <FormGroup>
              {GRAPH_RELATIONS.map(r => (
                <FormControlLabel
                  key={r}
                  control={
                    <Checkbox
                      size="small"
                      checked={view.relations.includes(r)}
                      onChange={() => setRelations(toggle(view.relations, r))}
                    />
                  }
                  label={
                    <Typography variant="body2">{words.relation(r)}</Typography>
                  }
                />
              ))}
            </FormGroup>
          </FormControl>
          <Autocomplete
            multiple
            size="small"
            options={KINDS}
            value={view.kinds}
            onChange={(_e, kinds) => update({ kinds })}
            renderInput={params => (
              <TextField
                {...params}
                variant="outlined"
                label={t('graph.toolbar.kinds')}
                placeholder={
                  view.kinds.length ? '' : t('graph.toolbar.allKinds')
                }
              />
            )}
          />
          <TextField
            id={`${id}-color-by`}
            select
            size="small"
            variant="outlined"
            label={t('graph.toolbar.colorBy')}
            value={view.colorBy}
            onChange={e => update({ colorBy: e.target.value as ColorBy })}
          >
            {COLOR_BYS.map(by => (
              <MenuItem key={by} value={by}>
                {t(COLOR_BY_KEYS[by])}
              </MenuItem>
            ))}
          </TextField>
        </Box>
      </Popover>
    </>
  );
}
