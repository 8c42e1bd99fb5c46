import {
  createContext,
  CSSProperties,
  ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
} from 'react';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import {
  ApprovalListQuery,
  ApprovalRequestView,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardActionArea from '@material-ui/core/CardActionArea';
import CardActions from '@material-ui/core/CardActions';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Contained, ContainedError } from '../components/Contained';
import { PrincipalName } from '../components/Principal';
import { ApprovalStateChip } from './ApprovalStateChip';
import {
  APPROVAL_PAGE_SIZES,
  ApprovalPage,
  DEFAULT_APPROVAL_PAGE_SIZE,
  useApprovalList,
} from './useApprovalList';
import { ApprovalColumn, ApprovalRow, groupedRows } from './groupedRows';
import { CreatedText, RequestTitle } from './RequestCells';

export { CreatedText, RequestTitle };
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';
import { surfacesOf } from '../lib/palette';

export type { ApprovalColumn } from './groupedRows';
export { groupedRows } from './groupedRows';

const useStyles = makeStyles(
  theme => ({
    summary: {
      marginBottom: theme.spacing(1),
      color: surfacesOf(theme).pageSubtext,
    },
    title: { fontWeight: 500, textAlign: 'left' },
    clickable: { cursor: 'pointer' },
    nowrap: { whiteSpace: 'nowrap' },
    cell: { overflowWrap: 'break-word' },
    groupRow: {
      backgroundColor: theme.palette.background.default,
      '& td': { paddingTop: theme.spacing(1), paddingBottom: theme.spacing(1) },
    },
    cardCell: {
      padding: theme.spacing(0.75, 0),
      borderBottom: 'none',
    },
    card: { overflowWrap: 'break-word' },
    cardArea: { padding: theme.spacing(1.5, 2) },
    cardHead: {
      display: 'flex',
      alignItems: 'flex-start',
      justifyContent: 'space-between',
      gap: theme.spacing(1),
    },
    cardTitle: { fontWeight: 500, minWidth: 0, flex: 1 },
    cardActions: {
      padding: theme.spacing(0, 2, 1.5),
      '& > *': { flex: 1 },
    },
  }),
  { name: 'LockstepApprovalTable' },
);

/** What each row needs beyond its request; rows are table components, so they read it here. */
interface RowSettings {
  columns: ApprovalColumn[];
  cards: boolean;
  testId(request: ApprovalRequestView): string;
  onOpen(request: ApprovalRequestView): void;
  /** Whether a click anywhere on a row opens it (on a card, it always does). */
  rowOpens: boolean;
  /** On a card: how old the request is, in the list's terms (waited, created). */
  age(request: ApprovalRequestView): ReactNode;
  /** Under a card: buttons of its own (Approve, Reject). */
  cardActions?(request: ApprovalRequestView): ReactNode;
}

const RowContext = createContext<RowSettings | undefined>(undefined);

function GroupRow(props: { group: NonNullable<ApprovalRow['group']> }) {
  const { group } = props;
  const classes = useStyles();
  const settings = useContext(RowContext);
  const { t } = useTranslationRef(lockstepTranslationRef);
  let label: string;
  if (group.total === undefined) {
    label = t(
      group.open ? 'approvals.list.openGroup' : 'approvals.list.closedGroup',
    );
  } else {
    label = t(
      group.open ? 'approvals.entity.open' : 'approvals.entity.closed',
      {
        total: String(group.total),
      },
    );
  }
  return (
    <TableRow className={classes.groupRow}>
      <TableCell colSpan={settings?.cards ? 1 : settings?.columns.length}>
        <Typography variant="subtitle2" component="span">
          {label}
        </Typography>
      </TableCell>
    </TableRow>
  );
}

/** A request as a card on a phone: the whole card opens it. */
function RequestCard(props: {
  request: ApprovalRequestView;
  settings: RowSettings;
}) {
  const { request, settings } = props;
  const classes = useStyles();
  const actions = settings.cardActions?.(request);
  return (
    <TableRow data-testid={settings.testId(request)}>
      <TableCell className={classes.cardCell}>
        <Card variant="outlined" className={classes.card}>
          <CardActionArea
            className={classes.cardArea}
            onClick={() => settings.onOpen(request)}
          >
            <Box className={classes.cardHead}>
              <Typography
                variant="subtitle1"
                component="span"
                className={classes.cardTitle}
              >
                {request.title}
              </Typography>
              <ApprovalStateChip state={request.state} />
            </Box>
            <Typography variant="body2" color="textSecondary">
              <EntityDisplayName entityRef={request.entityRef} hideIcon /> ·{' '}
              {request.version} → {request.environment}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              <PrincipalName
                principal={request.requester}
                defaultKind="service"
              />{' '}
              · {settings.age(request)}
            </Typography>
          </CardActionArea>
          {actions && (
            <CardActions className={classes.cardActions}>{actions}</CardActions>
          )}
        </Card>
      </TableCell>
    </TableRow>
  );
}

function RequestRow(props: {
  request: ApprovalRequestView;
  settings: RowSettings;
}) {
  const { request, settings } = props;
  const classes = useStyles();
  return (
    <TableRow
      hover={settings.rowOpens}
      className={settings.rowOpens ? classes.clickable : undefined}
      onClick={settings.rowOpens ? () => settings.onOpen(request) : undefined}
      data-testid={settings.testId(request)}
    >
      {settings.columns.map((column, i) => (
        <TableCell
          key={i}
          align={column.align}
          className={column.nowrap ? classes.nowrap : classes.cell}
        >
          {column.render(request)}
        </TableCell>
      ))}
    </TableRow>
  );
}

/** When a request was created: how long ago, the date on hover. */
/** The table's row component: our own cells (or a card), its group heading, and a boundary. */
function ApprovalTableRow(props: { data: ApprovalRow }) {
  const { request, group } = props.data;
  const settings = useContext(RowContext);
  const { t } = useTranslationRef(lockstepTranslationRef);
  if (!settings) return null;
  return (
    <>
      {group && <GroupRow group={group} />}
      <Contained
        resetKey={request}
        fallback={error => (
          <TableRow data-testid={settings.testId(request)}>
            <TableCell colSpan={settings.cards ? 1 : settings.columns.length}>
              <ContainedError
                what={t('approvals.requestWhat', { id: request.id })}
                error={error}
              />
            </TableCell>
          </TableRow>
        )}
      >
        {settings.cards ? (
          <RequestCard request={request} settings={settings} />
        ) : (
          <RequestRow request={request} settings={settings} />
        )}
      </Contained>
    </>
  );
}

/** No frame of its own, for a table inside a card. */
function BareContainer(props: { children?: ReactNode; style?: CSSProperties }) {
  return <div style={props.style}>{props.children}</div>;
}

/**
 * A list of approval requests on core-components' `Table`, a page at a time from the backend
 * (cursor paging, 20, 50 or 100 a page) with the total as its count. A change of `query` starts at
 * page 1; a change of `refresh` reloads the page shown. On a phone (`xs`) the rows are cards.
 */
export function ApprovalTable(props: {
  query: ApprovalListQuery;
  refresh: number;
  /** The table's accessible name. */
  ariaLabel: string;
  columns: ApprovalColumn[];
  /** What the table says when there is nothing to list. */
  empty: ReactNode;
  loadFailed: string;
  testId(request: ApprovalRequestView): string;
  onOpen(request: ApprovalRequestView): void;
  rowOpens?: boolean;
  age(request: ApprovalRequestView): ReactNode;
  cardActions?(request: ApprovalRequestView): ReactNode;
  /** "Open (n)" and "Closed (n)" headings. */
  grouped?: boolean;
  /** The order of a page's rows, when not the backend's. */
  arrange?(items: ApprovalRequestView[]): ApprovalRequestView[];
  /** Inside a card: no frame of its own. */
  bare?: boolean;
  /** Told of every page shown. */
  onPage?(page: ApprovalPage | undefined): void;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const cards = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));
  const list = useApprovalList(props.query, props.refresh);
  const { load } = list;

  const shape = useRef({ grouped: props.grouped, arrange: props.arrange });
  shape.current = { grouped: props.grouped, arrange: props.arrange };
  const data = useCallback(
    async (query: { page: number; pageSize: number }) => {
      const page = await load(query.page, query.pageSize);
      const { grouped, arrange } = shape.current;
      const arranged = arrange ? { ...page, items: arrange(page.items) } : page;
      return {
        data: grouped
          ? groupedRows(arranged)
          : arranged.items.map(request => ({ id: request.id, request })),
        page: page.page,
        totalCount: page.total,
      };
    },
    [load],
  );

  const { onPage } = props;
  useEffect(() => onPage?.(list.page), [onPage, list.page]);

  // The table component takes no label; its first table (the second is the pager) gets one.
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    frame.current
      ?.querySelector('table')
      ?.setAttribute('aria-label', props.ariaLabel);
  });

  const columns = useMemo<TableColumn<ApprovalRow>[]>(
    () =>
      props.columns.map(column => ({
        title: column.title,
        sorting: false,
        align: column.align,
        headerStyle: column.nowrap ? { whiteSpace: 'nowrap' } : undefined,
      })),
    [props.columns],
  );
  const settings: RowSettings = {
    columns: props.columns,
    cards,
    testId: props.testId,
    onOpen: props.onOpen,
    rowOpens: !!props.rowOpens,
    age: props.age,
    cardActions: props.cardActions,
  };

  return (
    <>
      {list.error && (
        <ResponseErrorPanel error={list.error} title={props.loadFailed} />
      )}
      {list.page && (
        <Typography
          variant="body2"
          className={classes.summary}
          data-testid="approval-total"
        >
          {t('approvals.list.total', { count: list.page.total })}
        </Typography>
      )}
      <div ref={frame}>
        <RowContext.Provider value={settings}>
          <Table<ApprovalRow>
            tableRef={list.tableRef}
            data={data}
            columns={columns}
            components={{
              Row: ApprovalTableRow,
              ...(props.bare && { Container: BareContainer }),
            }}
            options={{
              toolbar: false,
              search: false,
              sorting: false,
              draggable: false,
              paging: true,
              pageSize: DEFAULT_APPROVAL_PAGE_SIZE,
              pageSizeOptions: APPROVAL_PAGE_SIZES,
              showFirstLastPageButtons: false,
              emptyRowsWhenPaging: false,
              padding: 'dense',
              header: !cards,
              tableLayout: cards ? 'fixed' : 'auto',
            }}
            localization={{
              body: {
                emptyDataSourceMessage: list.page ? props.empty : '',
              },
              pagination: {
                labelRowsPerPage: t('approvals.list.rowsPerPage'),
                labelRowsSelect: t('approvals.list.rows'),
                labelDisplayedRows: t('approvals.list.displayedRows'),
                nextAriaLabel: t('approvals.list.nextPage'),
                nextTooltip: t('approvals.list.nextPage'),
                previousAriaLabel: t('approvals.list.previousPage'),
                previousTooltip: t('approvals.list.previousPage'),
              },
            }}
          />
        </RowContext.Provider>
      </div>
    </>
  );
}
