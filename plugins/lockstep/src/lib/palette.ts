import { useTheme } from '@material-ui/core/styles';
import type { Theme } from '@material-ui/core/styles';

/** A solid fill and the text drawn on it. */
export interface Fill {
  color: string;
  contrastText: string;
}

/**
 * The fills statuses, states and stages are drawn in. They are solid, with text chosen for contrast
 * on the fill itself, so the same fills read on a light and a dark page.
 */
export const FILLS = {
  danger: { color: '#d32f2f', contrastText: '#fff' },
  alarm: { color: '#c62828', contrastText: '#fff' },
  critical: { color: '#880e4f', contrastText: '#fff' },
  // a dark orange: white text on it stays above 4.5:1 (WCAG AA)
  blocked: { color: '#b54708', contrastText: '#fff' },
  caution: { color: '#f9a825', contrastText: '#212121' },
  success: { color: '#2e7d32', contrastText: '#fff' },
  info: { color: '#1565c0', contrastText: '#fff' },
  neutral: { color: '#757575', contrastText: '#fff' },
  earth: { color: '#6d4c41', contrastText: '#fff' },
  slate: { color: '#455a64', contrastText: '#fff' },
  muted: { color: '#9e9e9e', contrastText: '#212121' },
  faded: { color: '#bdbdbd', contrastText: '#212121' },
  idle: { color: '#e0e0e0', contrastText: '#212121' },
} satisfies Record<string, Fill>;

export type FillName = keyof typeof FILLS;

/** Colours for groups (owners, systems, kinds) in order of first appearance: a categorical scale. */
export const GROUP_COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
  '#d62728',
];

/** What depends on the page's theme: the graph's surfaces and lines, and tinted panels. */
export interface SurfacePalette {
  node: string;
  nodeMissing: string;
  nodeText: string;
  nodeSubtext: string;
  missing: string;
  edge: string;
  edgeInCycle: string;
  arrow: string;
  lit: string;
  /** Behind an exported drawing, as the canvas shows it. */
  exportBackground: string;
  /** A panel that warns, such as a broken audit chain. */
  dangerPanel: string;
  /** Text that says something waits ("waiting 3 days"), on the page or a panel. */
  waiting: string;
  /** An unselected toggle button's text, on the page or a panel. */
  control: string;
  /** Secondary text on the page's own background, where the theme's (4.47:1 there) falls short of AA. */
  pageSubtext: string;
  /** A selected toggle button's text and background. */
  controlSelected: string;
  controlSelectedBackground: string;
}

const LIGHT: SurfacePalette = {
  node: '#ffffff',
  nodeMissing: '#fff5f5',
  nodeText: '#212121',
  nodeSubtext: '#616161',
  missing: '#d32f2f',
  edge: '#b0bec5',
  edgeInCycle: '#e57373',
  arrow: '#90a4ae',
  lit: '#1565c0',
  exportBackground: '#ffffff',
  dangerPanel: '#fdecea',
  waiting: '#9a3b00',
  control: '#595959',
  pageSubtext: '#5f5f5f',
  controlSelected: '#1a1a1a',
  controlSelectedBackground: '#dfe6ee',
};

const DARK: SurfacePalette = {
  node: '#2c3338',
  nodeMissing: '#4a1c1c',
  nodeText: '#eceff1',
  nodeSubtext: '#b0bec5',
  missing: '#ef9a9a',
  edge: '#607d8b',
  edgeInCycle: '#e57373',
  arrow: '#78909c',
  lit: '#90caf9',
  exportBackground: '#1e2326',
  dangerPanel: '#4a1c1c',
  waiting: '#ffb74d',
  control: '#c8c8c8',
  pageSubtext: '#c8c8c8',
  controlSelected: '#ffffff',
  controlSelectedBackground: '#5c6670',
};

/**
 * The backgrounds Backstage's light and dark themes put text on (the page and a panel): what the
 * theme-dependent text colours above are chosen, and tested, against.
 */
export const THEME_BACKGROUNDS = {
  light: ['#f8f8f8', '#ffffff'],
  dark: ['#333333', '#424242'],
} as const;

/** The surfaces for a theme: Backstage's light or dark. */
export const surfacesOf = (theme: Pick<Theme, 'palette'>): SurfacePalette =>
  theme.palette.type === 'dark' ? DARK : LIGHT;

/** The surfaces of the theme the component renders in. */
export function useSurfaces(): SurfacePalette {
  return surfacesOf(useTheme());
}
