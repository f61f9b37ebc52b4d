/**
 * A tiny history router: the URL is the state, links are plain <a href> intercepted here.
 * Pages read their view state from `router.params` and write it back with `router.setParams`,
 * so every view can be shared and reloaded exactly.
 *
 * @example
 * router.navigate('/cities/12');  router.path // '/cities/12'
 * router.setParams({ round: '2' }); // replaces ?round=… keeping the rest
 */
type Guard = () => boolean;

class Router {
  path = $state(location.pathname);
  search = $state(location.search);
  params = $derived(new URLSearchParams(this.search));
  /** Asked before leaving the page; return false to stay (unsaved-changes guard). */
  guard: Guard | null = null;

  constructor() {
    addEventListener('popstate', () => this.#sync());
    document.addEventListener('click', (e) => {
      const a = (e.target as Element | null)?.closest?.('a');
      if (!a || a.target || a.hasAttribute('download') || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/geo/')) return;
      if (url.pathname === location.pathname && url.hash) return;
      e.preventDefault();
      this.navigate(url.pathname + url.search);
    });
  }

  navigate(to: string, { replace = false } = {}) {
    const leaving = new URL(to, location.href).pathname !== location.pathname;
    if (leaving && this.guard && !this.guard()) return;
    if (replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
    this.#sync();
    if (!replace) scrollTo(0, 0);
  }

  /** Changes query parameters (empty string or null removes one); replaces the history entry by default. */
  setParams(changes: Record<string, string | number | null | undefined>, { replace = true } = {}) {
    const next = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) (v === null || v === undefined || v === '' ? next.delete(k) : next.set(k, String(v)));
    const qs = next.toString();
    this.navigate(location.pathname + (qs ? `?${qs}` : ''), { replace });
  }

  #sync() {
    this.path = location.pathname;
    this.search = location.search;
  }
}

export const router = new Router();
