import {
  BackstageUserIdentity,
  IdentityApi,
  ProfileInfo,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** The remembered choice, so that a reload keeps the person signed in. */
export const REMEMBERED_USER_KEY = 'lockstep-demo-sign-in';
export const GUEST = 'guest';

interface Session {
  token: string;
  identity: BackstageUserIdentity;
  profile: ProfileInfo;
  expiresAt: number;
}

/** Answers `/api/auth/{provider}/refresh`; `guest` uses the guest provider, anything else the demo one. */
async function fetchSession(baseUrl: string, who: string): Promise<Session> {
  const url =
    who === GUEST
      ? `${baseUrl}/guest/refresh`
      : `${baseUrl}/demo/refresh?user=${encodeURIComponent(who)}`;
  const response = await fetch(url, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
    credentials: 'include',
  });
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  const body = await response.json();
  const token: string = body.backstageIdentity.token;
  const claims = JSON.parse(
    atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')),
  );
  return {
    token,
    identity: body.backstageIdentity.identity,
    profile: body.profile ?? {},
    expiresAt: claims.exp * 1000,
  };
}

/** A signed-in person of the demo app; renews its token a minute before it expires. */
export class DemoIdentity implements IdentityApi {
  static async signIn(authBaseUrl: string, who: string): Promise<DemoIdentity> {
    const session = await fetchSession(authBaseUrl, who);
    localStorage.setItem(REMEMBERED_USER_KEY, who);
    return new DemoIdentity(authBaseUrl, who, session);
  }

  private constructor(
    private readonly authBaseUrl: string,
    private readonly who: string,
    private session: Session,
  ) {}

  private async current(): Promise<Session> {
    if (this.session.expiresAt - Date.now() < 60_000) {
      this.session = await fetchSession(this.authBaseUrl, this.who);
    }
    return this.session;
  }

  async getProfileInfo(): Promise<ProfileInfo> {
    return (await this.current()).profile;
  }

  async getBackstageIdentity(): Promise<BackstageUserIdentity> {
    return (await this.current()).identity;
  }

  async getCredentials(): Promise<{ token?: string }> {
    return { token: (await this.current()).token };
  }

  async signOut(): Promise<void> {
    localStorage.removeItem(REMEMBERED_USER_KEY);
  }
}
