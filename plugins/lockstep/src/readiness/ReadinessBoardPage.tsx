import { Content, Header, Page } from '@backstage/core-components';
import { ReadinessBoard } from './ReadinessBoard';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** The board as a full page for apps on the legacy frontend system (header included). */
export function ReadinessBoardPage() {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Page themeId="tool">
      <Header
        title={t('readiness.page.title')}
        subtitle={t('readiness.page.subtitle')}
      />
      <Content>
        <ReadinessBoard />
      </Content>
    </Page>
  );
}

/** The board inside the new frontend system's page layout, which brings its own header. */
export function ReadinessBoardContent() {
  return (
    <Content>
      <ReadinessBoard />
    </Content>
  );
}
