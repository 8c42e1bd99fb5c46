import { useCallback, useEffect, useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import Avatar from '@material-ui/core/Avatar';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemAvatar from '@material-ui/core/ListItemAvatar';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { DemoIdentity, GUEST, REMEMBERED_USER_KEY } from './DemoIdentity';

interface Person {
  ref: string;
  name: string;
  title?: string;
}

interface Team {
  ref: string;
  name: string;
  people: Person[];
}

/** Lists the catalog's people by team; reading the catalog takes a token, so a guest one is used. */
async function loadTeams(discoveryApi: {
  getBaseUrl(id: string): Promise<string>;
}): Promise<Team[]> {
  const [authUrl, catalogUrl] = await Promise.all([
    discoveryApi.getBaseUrl('auth'),
    discoveryApi.getBaseUrl('catalog'),
  ]);
  const guest = await DemoIdentity.signIn(authUrl, GUEST);
  localStorage.removeItem(REMEMBERED_USER_KEY); // looking around is not choosing guest
  const { token } = await guest.getCredentials();
  const query = async (kind: string): Promise<Entity[]> => {
    const fields =
      'kind,metadata.name,metadata.namespace,metadata.title,metadata.description,spec.profile.displayName,relations';
    const response = await fetch(
      `${catalogUrl}/entities/by-query?filter=kind=${kind}&fields=${fields}&limit=1000`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!response.ok)
      throw new Error(`Could not list ${kind}s: HTTP ${response.status}`);
    return (await response.json()).items;
  };
  const [users, groups] = await Promise.all([query('user'), query('group')]);
  const teams = new Map<string, Team>(
    groups.map(group => {
      const ref = stringifyEntityRef(group);
      const name =
        (group.spec?.profile as { displayName?: string } | undefined)
          ?.displayName ??
        group.metadata.title ??
        group.metadata.name;
      return [ref, { ref, name, people: [] }];
    }),
  );
  const noTeam: Team = { ref: 'none', name: 'No team', people: [] };
  for (const user of users) {
    const person: Person = {
      ref: stringifyEntityRef(user),
      name:
        (user.spec?.profile as { displayName?: string } | undefined)
          ?.displayName ?? user.metadata.name,
      title: user.metadata.description,
    };
    const memberships = (user.relations ?? []).filter(
      r => r.type === 'memberOf',
    );
    if (memberships.length === 0) noTeam.people.push(person);
    for (const { targetRef } of memberships)
      (teams.get(targetRef) ?? noTeam).people.push(person);
  }
  return [...teams.values(), noTeam]
    .filter(team => team.people.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Development-only sign-in page: pick anyone from the sample catalog, so that one person can play
 * a requester and the approvers in turn. The choice is remembered until sign-out.
 */
export function DemoSignInPage({ onSignInSuccess }: SignInPageProps) {
  const discoveryApi = useApi(discoveryApiRef);
  const [teams, setTeams] = useState<Team[]>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(
    Boolean(localStorage.getItem(REMEMBERED_USER_KEY)),
  );

  const signIn = useCallback(
    async (who: string) => {
      setBusy(true);
      try {
        const authUrl = await discoveryApi.getBaseUrl('auth');
        onSignInSuccess(await DemoIdentity.signIn(authUrl, who));
      } catch (e) {
        localStorage.removeItem(REMEMBERED_USER_KEY);
        setError(e as Error);
        setBusy(false);
      }
    },
    [discoveryApi, onSignInSuccess],
  );

  useEffect(() => {
    const remembered = localStorage.getItem(REMEMBERED_USER_KEY);
    if (remembered) {
      signIn(remembered);
      return;
    }
    loadTeams(discoveryApi).then(setTeams, setError);
  }, [discoveryApi, signIn]);

  return (
    <Page themeId="home">
      <Header
        title="Lockstep demo"
        subtitle="Sign in as anyone at Brightcart, the sample company (development only)"
      />
      <Content>
        {error && (
          <WarningPanel
            severity="error"
            title="Sign-in failed"
            message={error.message}
          />
        )}
        {busy || (!teams && !error) ? (
          <Progress />
        ) : (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <Typography variant="body1">
                Approvals need several people: a requester and approvers from
                other teams. Pick who you are; sign out from Settings to switch.{' '}
                <Button
                  size="small"
                  variant="outlined"
                  onClick={() => signIn(GUEST)}
                >
                  Continue as guest
                </Button>
              </Typography>
            </Grid>
            {teams?.map(team => (
              <Grid item xs={12} sm={6} md={4} key={team.ref}>
                <InfoCard title={team.name} noPadding>
                  <List dense>
                    {team.people.map(person => (
                      <ListItem
                        key={person.ref}
                        button
                        onClick={() => signIn(person.ref)}
                        aria-label={`Sign in as ${person.name}`}
                      >
                        <ListItemAvatar>
                          <Avatar>{person.name.charAt(0)}</Avatar>
                        </ListItemAvatar>
                        <ListItemText
                          primary={person.name}
                          secondary={
                            person.title ?? parseEntityRef(person.ref).name
                          }
                        />
                      </ListItem>
                    ))}
                  </List>
                </InfoCard>
              </Grid>
            ))}
          </Grid>
        )}
      </Content>
    </Page>
  );
}
