import { Fragment, useState } from 'react';
import Link from '@material-ui/core/Link';
import { PrincipalLink } from '../components/Principal';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** How many people are named before "and 4 more". */
const SHOWN = 8;

/** People as links to their catalog pages, the first few and "and N more" to show the rest. */
export function PeopleLinks(props: { people: string[] }) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const [all, setAll] = useState(false);
  const shown = all ? props.people : props.people.slice(0, SHOWN);
  const rest = props.people.length - shown.length;
  return (
    <>
      {shown.map((person, i) => (
        <Fragment key={person}>
          {i > 0 && ', '}
          <PrincipalLink
            principal={person}
            defaultKind="user"
            underline="always"
          />
        </Fragment>
      ))}
      {rest > 0 && (
        <>
          {' '}
          <Link
            component="button"
            variant="body2"
            underline="always"
            onClick={() => setAll(true)}
          >
            {t('policies.stage.moreMembers', { count: rest })}
          </Link>
        </>
      )}
    </>
  );
}
