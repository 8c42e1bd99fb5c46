import { createTheme } from '@material-ui/core/styles';
import { FILLS, surfacesOf, THEME_BACKGROUNDS } from '../lib/palette';
import { GATE_STATUS_LOOK, READINESS_STATUS_LOOK } from '../lib/statusColors';

/** WCAG 2 relative luminance of an sRGB colour written `#rgb` or `#rrggbb`. */
function luminance(hex: string): number {
  const digits = hex.replace('#', '');
  const full =
    digits.length === 3
      ? digits
          .split('')
          .map(d => d + d)
          .join('')
      : digits;
  const [r, g, b] = [0, 2, 4].map(i => {
    const channel = parseInt(full.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045
      ? channel / 12.92
      : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const AA_TEXT = 4.5;

describe('colour contrast (WCAG AA, 4.5:1 for text)', () => {
  it('computes ratios as WCAG does', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('#fff', '#fff')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  describe.each(['light', 'dark'] as const)('in the %s theme', type => {
    const surfaces = surfacesOf(createTheme({ palette: { type } }));
    const backgrounds = THEME_BACKGROUNDS[type];

    it.each(Object.entries(READINESS_STATUS_LOOK))(
      'readiness %s: the chip text on its fill',
      (_status, look) => {
        expect(contrast(look.contrastText, look.color)).toBeGreaterThanOrEqual(
          AA_TEXT,
        );
      },
    );

    it.each(Object.entries(GATE_STATUS_LOOK))(
      'gate %s: the chip text on its fill',
      (_status, look) => {
        expect(contrast(look.contrastText, look.color)).toBeGreaterThanOrEqual(
          AA_TEXT,
        );
      },
    );

    it.each(Object.entries(FILLS))('fill %s: its text', (_name, fill) => {
      expect(contrast(fill.contrastText, fill.color)).toBeGreaterThanOrEqual(
        AA_TEXT,
      );
    });

    it.each(backgrounds)(
      'waiting text and unselected toggle buttons on %s',
      background => {
        expect(contrast(surfaces.waiting, background)).toBeGreaterThanOrEqual(
          AA_TEXT,
        );
        expect(contrast(surfaces.control, background)).toBeGreaterThanOrEqual(
          AA_TEXT,
        );
        expect(
          contrast(surfaces.pageSubtext, background),
        ).toBeGreaterThanOrEqual(AA_TEXT);
      },
    );

    it('selected toggle buttons, node text and the export caption', () => {
      const pairs: Array<[string, string]> = [
        [surfaces.controlSelected, surfaces.controlSelectedBackground],
        [surfaces.nodeText, surfaces.node],
        [surfaces.nodeSubtext, surfaces.node],
        [surfaces.missing, surfaces.nodeMissing],
        [surfaces.nodeText, surfaces.exportBackground],
      ];
      for (const [text, background] of pairs) {
        expect({
          text,
          background,
          ratio: contrast(text, background) >= AA_TEXT,
        }).toEqual({ text, background, ratio: true });
      }
    });
  });
});
