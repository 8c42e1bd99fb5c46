import { Fragment } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { EntitySelection } from '@lockstep/backstage-plugin-lockstep-common';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** "Applies to 30 entities now: Cart, Checkout, … and 5 more", the named ones as links. */
export function SelectionSummary(props: { selected: EntitySelection }) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const { count, entities } = props.selected;
  const more = count - entities.length;
  return (
    <Typography variant="body2" data-testid="selection">
      {count === 0 ? (
        t('policies.selection.none')
      ) : (
        <>
          {t('policies.selection.count', { count })}{' '}
          {entities.map((entity, i) => (
            <Fragment key={entity.entityRef}>
              {i > 0 && ', '}
              <EntityRefLink
                entityRef={entity.entityRef}
                title={entity.title}
                hideIcon
                underline="always"
              />
            </Fragment>
          ))}
          {more > 0 && <> {t('policies.selection.more', { count: more })}</>}
        </>
      )}
    </Typography>
  );
}
