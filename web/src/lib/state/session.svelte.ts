/**
 * Who is signed in (loaded once; the CSRF token for writes comes with it), their roles, and the
 * way to the sign-in page. Signing in or out reloads the page so every view is fetched again with
 * the new rights.
 *
 * @example
 * await session.ready;  session.user?.name;  session.adminNetworks // [1]
 * router.navigate(loginUrl('/secretariat'))  // '/login?next=%2Fsecretariat'
 */
import { api, type User } from '../api';

class Session {
  user = $state<User | null>(null);
  loaded = $state(false);
  ready: Promise<void>;
  /** Networks whose secretariat this user is. */
  adminNetworks = $derived((this.user?.grants ?? []).filter((g) => g.role === 'secretariat_admin' && g.networkId !== null).map((g) => g.networkId as number));

  constructor() {
    this.ready = api.me().then((m) => void (this.user = m.user ?? null), () => undefined).finally(() => (this.loaded = true));
  }

  isAdmin(networkId: number | undefined) {
    return networkId !== undefined && this.adminNetworks.includes(networkId);
  }

  /** Signs in and opens `next` (a path on this site) with a fresh page. */
  async signIn(email: string, password: string, next = location.pathname + location.search) {
    await api.login(email, password);
    location.assign(safeNext(next));
  }

  async signOut() {
    await api.logout();
    location.assign('/');
  }
}

/** Only paths on this site are followed after sign-in (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** The sign-in page, coming back to `next` (default: here). */
export function loginUrl(next = location.pathname + location.search): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

export const session = new Session();
