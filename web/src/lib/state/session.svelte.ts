/**
 * Who is signed in (loaded once; the CSRF token for writes comes with it). Signing in or out
 * reloads the page so every view is fetched again with the new rights.
 *
 * @example
 * await session.ready;  session.user?.name
 */
import { api, type User } from '../api';

class Session {
  user = $state<User | null>(null);
  ready: Promise<void>;

  constructor() {
    this.ready = api.me().then((m) => void (this.user = m.user ?? null), () => undefined);
  }

  async signIn(email: string, password: string) {
    await api.login(email, password);
    location.reload();
  }

  async signOut() {
    await api.logout();
    location.reload();
  }
}

export const session = new Session();
