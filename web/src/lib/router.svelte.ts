/**
 * A tiny history router: the URL is the state, links are plain <a href> intercepted here.
 *
 * @example
 * router.navigate('/cities/12');  router.path // '/cities/12'
 */
class Router {
  path = $state(location.pathname);
  search = $state(location.search);

  constructor() {
    addEventListener('popstate', () => this.#sync());
    document.addEventListener('click', (e) => {
      const a = (e.target as Element | null)?.closest?.('a');
      if (!a || a.target || a.hasAttribute('download') || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
      e.preventDefault();
      this.navigate(url.pathname + url.search);
    });
  }

  navigate(to: string, { replace = false } = {}) {
    if (replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
    this.#sync();
    if (!replace) scrollTo(0, 0);
  }

  #sync() {
    this.path = location.pathname;
    this.search = location.search;
  }
}

export const router = new Router();
