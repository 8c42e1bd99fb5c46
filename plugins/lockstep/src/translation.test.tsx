import { screen } from '@testing-library/react';
import {
  createExtension,
  createExtensionDataRef,
  createFrontendModule,
  createTranslationMessages,
  TranslationMessages,
  TranslationResource,
} from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { renderInTestApp as renderInLegacyTestApp } from '@backstage/test-utils';
import { GraphLegend } from './graph/GraphLegend';
import { GateLegend } from './readiness/ReadinessBoard/GateLegend';
import { lockstepTranslationRef } from './translation';

/**
 * Messages an app provides for the ref, as the app plugin's `TranslationBlueprint` (of
 * `@backstage/plugin-app-react`) hands them to the app's translation API: an extension of the app
 * plugin, attached to the translations API's input.
 */
function appTranslations(messages: TranslationMessages | TranslationResource) {
  const translation = createExtensionDataRef<
    TranslationMessages | TranslationResource
  >().with({ id: 'core.translation.translation' });
  return createFrontendModule({
    pluginId: 'app',
    extensions: [
      createExtension({
        kind: 'translation',
        name: 'lockstep-test',
        attachTo: { id: 'api:app/translations', input: 'translations' },
        output: [translation],
        factory: () => [translation(messages)],
      }),
    ],
  });
}

const legends = (
  <>
    <GateLegend />
    <GraphLegend entities={1} dependencies={3} root="Cart" legend={[]} />
  </>
);

describe('lockstepTranslationRef', () => {
  it('gives the English defaults in a legacy app', async () => {
    await renderInLegacyTestApp(legends);
    expect(screen.getByText('Awaiting sign-off')).toBeInTheDocument();
    expect(screen.getByText('Faded: optional gates only')).toBeInTheDocument();
    expect(
      screen.getByText(/^1 entity, 3 dependencies · arrows point/),
    ).toBeInTheDocument();
  });

  it('gives the English defaults in an app on the new frontend system', async () => {
    renderInTestApp(legends);
    expect(await screen.findByText('Awaiting sign-off')).toBeInTheDocument();
    expect(screen.getByText('Faded: optional gates only')).toBeInTheDocument();
  });

  it("shows the app's messages instead, with values put in and plurals chosen", async () => {
    const overrides = createTranslationMessages({
      ref: lockstepTranslationRef,
      messages: {
        'common.gateStatus.pending': 'Wartet auf Freigabe',
        'readiness.board.legendFaded': 'Blass: nur optionale Gates',
        'graph.legend.summary': '{{entities}} und {{dependencies}} um {{root}}',
        'graph.legend.entities_one': 'eine Entität',
        'graph.legend.entities_other': '{{count}} Entitäten',
        'graph.legend.dependencies_one': 'eine Abhängigkeit',
        'graph.legend.dependencies_other': '{{count}} Abhängigkeiten',
      },
    });
    renderInTestApp(legends, { features: [appTranslations(overrides)] });

    expect(await screen.findByText('Wartet auf Freigabe')).toBeInTheDocument();
    expect(screen.getByText('Blass: nur optionale Gates')).toBeInTheDocument();
    expect(
      screen.getByText('eine Entität und 3 Abhängigkeiten um Cart'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Awaiting sign-off')).toBeNull();
    // what the app leaves alone keeps its default
    expect(screen.getByText('Expiring soon')).toBeInTheDocument();
  });
});
