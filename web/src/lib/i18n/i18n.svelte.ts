/**
 * UI language: typed dictionaries (en, nb, sv, da), `Intl` number/date formatting per language,
 * the choice remembered in localStorage. Every UI string goes through `t`.
 *
 * @example
 * t('nav.compare')            // 'Compare'
 * t('peers.count', { n: 7 })  // '7 comparable cities'
 * i18n.number(709037)         // '709,037' (en) · '709 037' (nb)
 */
import { da } from './da';
import { en, type MessageKey, type Messages } from './en';
import { nb } from './nb';
import { sv } from './sv';

export const LANGS = { en: 'English', nb: 'Norsk bokmål', sv: 'Svenska', da: 'Dansk' } as const;
export type Lang = keyof typeof LANGS;
const dictionaries: Record<Lang, Messages> = { en, nb, sv, da };
const LOCALES: Record<Lang, string> = { en: 'en-GB', nb: 'nb-NO', sv: 'sv-SE', da: 'da-DK' };
const STORAGE_KEY = 'citypeers.lang';

function initial(): Lang {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved && saved in LANGS ? (saved as Lang) : 'en';
}

class I18n {
  lang = $state<Lang>(initial());
  locale = $derived(LOCALES[this.lang]);
  #int = $derived(new Intl.NumberFormat(this.locale, { maximumFractionDigits: 0 }));
  #dec = $derived(new Intl.NumberFormat(this.locale, { maximumFractionDigits: 2 }));
  #pct = $derived(new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 0 }));
  #date = $derived(new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }));
  #region = $derived(new Intl.DisplayNames([this.locale], { type: 'region' }));

  set(lang: Lang) {
    this.lang = lang;
    localStorage.setItem(STORAGE_KEY, lang);
    document.documentElement.lang = lang;
  }

  t(key: MessageKey, vars?: Record<string, string | number>): string {
    const text = dictionaries[this.lang][key] ?? en[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? (typeof vars[k] === 'number' ? this.number(vars[k] as number) : String(vars[k])) : `{${k}}`)) : text;
  }

  /** Whole numbers; missing (null/NaN) → '—', never 0. */
  number = (n: number | null | undefined, digits?: number): string =>
    n === null || n === undefined || Number.isNaN(n) ? MISSING : digits === undefined ? (Number.isInteger(n) ? this.#int : this.#dec).format(n) : new Intl.NumberFormat(this.locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
  /** 0.42 → '42 %' in the language's style. */
  percent = (share: number | null | undefined): string => (share === null || share === undefined || Number.isNaN(share) ? MISSING : this.#pct.format(share));
  date = (iso: string | null | undefined): string => (iso ? this.#date.format(new Date(iso)) : MISSING);
  country = (iso2: string): string => {
    try {
      return this.#region.of(iso2) ?? iso2;
    } catch {
      return iso2;
    }
  };
}

export const MISSING = '—';
export const i18n = new I18n();
export const t = (key: MessageKey, vars?: Record<string, string | number>) => i18n.t(key, vars);
export type { MessageKey };
