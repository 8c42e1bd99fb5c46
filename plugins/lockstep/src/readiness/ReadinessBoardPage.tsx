import { Content, Header, Page } from '@backstage/core-components';
import { ReadinessBoard } from './ReadinessBoard';

/** The board as a full page for apps on the legacy frontend system (header included). */
export function ReadinessBoardPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Readiness"
        subtitle="Which services are ready to ship, what blocks them and who to talk to"
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
