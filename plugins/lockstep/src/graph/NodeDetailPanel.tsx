import { ReactNode, useEffect, useId, useRef } from 'react';
import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { GraphNode } from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import CloseIcon from '@material-ui/icons/Close';
import CenterIcon from '@material-ui/icons/CenterFocusStrong';
import OpenIcon from '@material-ui/icons/OpenInNew';
import { lockstepTranslationRef } from '../translation';
import { useGraphWords } from './graphWords';
import { NodeReadiness } from './NodeReadiness';
import { useEntityPath } from './useOpenEntity';

const useStyles = makeStyles(
  theme => ({
    side: {
      width: 360,
      flexShrink: 0,
      height: '100%',
      overflow: 'auto',
      padding: theme.spacing(2),
    },
    sheet: { maxHeight: '75vh', padding: theme.spacing(2) },
    heading: { outline: 'none', wordBreak: 'break-word' },
    ref: { color: theme.palette.text.secondary, wordBreak: 'break-all' },
    facts: {
      display: 'grid',
      gridTemplateColumns: 'auto 1fr',
      gap: theme.spacing(0.5, 2),
      margin: theme.spacing(2, 0),
      '& dt': { color: theme.palette.text.secondary },
      '& dd': { margin: 0 },
    },
    section: { marginTop: theme.spacing(2) },
    open: {
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
    },
  }),
  { name: 'LockstepNodeDetailPanel' },
);

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2">
        {props.label}
      </Typography>
      <Typography component="dd" variant="body2">
        {props.children}
      </Typography>
    </>
  );
}

/**
 * What a graph node is and why it is (not) ready: title and ref, kind and type, owner and system
 * as links, readiness in words, the failing gates and their teams, the blocking path, and links to
 * open the entity or centre the graph on it. Beside the canvas on a wide screen, a bottom sheet on
 * a phone; it takes the focus when it opens and gives it back to the node when it closes.
 */
export function NodeDetailPanel(props: {
  node: GraphNode;
  nodes: ReadonlyMap<string, GraphNode>;
  onClose(): void;
  onCentre(): void;
}) {
  const { node, nodes, onClose, onCentre } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const words = useGraphWords();
  const pathOf = useEntityPath();
  const sheet = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => {
    heading.current?.focus();
  }, [node.entityRef]);
  const title = node.title ?? node.name;
  const none = t('graph.detail.none');

  const content = (
    <>
      <Box display="flex" alignItems="flex-start" gridGap={8}>
        <Box flex={1} minWidth={0}>
          <Typography
            ref={heading}
            id={`${id}-title`}
            variant="h6"
            component="h2"
            tabIndex={-1}
            className={classes.heading}
          >
            {words.displayName(node)}
          </Typography>
          <Typography variant="caption" component="div" className={classes.ref}>
            {node.entityRef}
          </Typography>
        </Box>
        <IconButton
          size="small"
          aria-label={t('graph.detail.close')}
          onClick={onClose}
        >
          <CloseIcon />
        </IconButton>
      </Box>
      <dl className={classes.facts}>
        <Fact label={t('graph.detail.kind')}>
          {node.type
            ? t('graph.detail.kindAndType', {
                kind: node.kind,
                type: node.type,
              })
            : node.kind}
        </Fact>
        <Fact label={t('graph.detail.owner')}>
          {node.owner ? (
            <EntityRefLink entityRef={node.owner} defaultKind="group" />
          ) : (
            none
          )}
        </Fact>
        <Fact label={t('graph.detail.system')}>
          {node.system ? (
            <EntityRefLink entityRef={node.system} defaultKind="system" />
          ) : (
            none
          )}
        </Fact>
        {node.lifecycle && (
          <Fact label={t('graph.detail.lifecycle')}>{node.lifecycle}</Fact>
        )}
      </dl>
      <Box display="flex" alignItems="center" gridGap={16} flexWrap="wrap">
        <Link to={pathOf(node)} className={classes.open}>
          <OpenIcon fontSize="small" />
          {t('graph.detail.open')}
        </Link>
        <Button
          size="small"
          variant="outlined"
          startIcon={<CenterIcon />}
          onClick={onCentre}
        >
          {t('graph.detail.centre')}
        </Button>
      </Box>
      <section className={classes.section} aria-labelledby={`${id}-readiness`}>
        <Typography id={`${id}-readiness`} variant="subtitle1" component="h3">
          {t('graph.detail.readiness')}
        </Typography>
        <NodeReadiness entityRef={node.entityRef} nodes={nodes} />
      </section>
    </>
  );

  const label = t('graph.detail.label', { title });
  if (sheet) {
    return (
      <Drawer
        anchor="bottom"
        open
        onClose={onClose}
        PaperProps={{
          className: classes.sheet,
          role: 'dialog',
          'aria-label': label,
        }}
      >
        {content}
      </Drawer>
    );
  }
  return (
    <Paper
      variant="outlined"
      component="aside"
      aria-label={label}
      className={classes.side}
      onKeyDown={event => {
        if (event.key === 'Escape') onClose();
      }}
    >
      {content}
    </Paper>
  );
}
