import { ReactNode } from 'react';
import { errorApiRef, translationApiRef } from '@backstage/frontend-plugin-api';
import { MockErrorApi, mockApis, TestApiProvider } from '@backstage/test-utils';

/**
 * What `useTranslationRef` needs outside a test app: the translation API (the default, English
 * messages) and the error API it reports a failed load to. For `TestApiProvider`'s `apis`.
 */
export const translationApis = [
  [translationApiRef, mockApis.translation()],
  [errorApiRef, new MockErrorApi()],
] as const;

/** Components that use the translation ref, rendered without a test app around them. */
export function WithTranslations(props: { children: ReactNode }) {
  return (
    <TestApiProvider apis={translationApis}>{props.children}</TestApiProvider>
  );
}
