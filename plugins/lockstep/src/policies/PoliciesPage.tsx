import { Content, Header, Page } from '@backstage/core-components';
import { PoliciesOverview } from './PoliciesOverview';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** The Policies page for apps on the legacy frontend system (header included). */
export function PoliciesPage() {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Page themeId="tool">
      <Header
        title={t('policies.page.title')}
        subtitle={t('policies.page.subtitle')}
      />
      <Content>
        <PoliciesOverview />
      </Content>
    </Page>
  );
}

/** The Policies page inside the new frontend system's page layout, which brings its own header. */
export function PoliciesContent() {
  return (
    <Content>
      <PoliciesOverview />
    </Content>
  );
}
