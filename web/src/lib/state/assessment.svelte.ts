/**
 * Editing one self-assessment: drafts per indicator, dirty tracking, client checks that mirror
 * the server's rules, server field errors mapped back to fields, optimistic concurrency (ETag):
 * a 412 keeps the user's edits and offers reload or merge (their changed answers on top).
 *
 * @example
 * const form = new AssessmentForm(api);  await form.load(281);  form.set(14, { value: '1' });  await form.save();
 */
import { api, ApiError, type Framework, type Indicator, type ScoreWrite, type Submission } from '../api';

export type DocType = ScoreWrite extends { evidence?: (infer E)[] } ? (E extends { documentType: infer D } ? D : never) : never;
export interface Draft { value: string; evidenceText: string; note: string; evidence: { documentType: DocType; title: string; url: string }[] }
type Check = (key: string, vars?: Record<string, string | number>) => string;

function draftOf(s: Submission['scores'][number] | undefined): Draft {
  return {
    value: s?.value === null || s?.value === undefined ? '' : String(s.value),
    evidenceText: s?.evidenceText ?? '',
    note: s?.note ?? '',
    evidence: (s?.evidence ?? []).map((e) => ({ documentType: e.documentType, title: e.title, url: e.url ?? '' })),
  };
}
const same = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

export class AssessmentForm {
  submission = $state<Submission | null>(null);
  framework = $state<Framework | null>(null);
  etag = '';
  original = $state<Record<number, Draft>>({});
  drafts = $state<Record<number, Draft>>({});
  errors = $state<Record<string, string>>({});
  conflict = $state(false);
  busy = $state(false);
  message = $state<{ kind: 'ok' | 'error'; text: string } | null>(null);
  dirtyIds = $derived(Object.keys(this.drafts).map(Number).filter((id) => !same(this.drafts[id], this.original[id])));
  dirty = $derived(this.dirtyIds.length > 0);
  indicators = $derived(this.framework?.areas.flatMap((a) => a.indicators) ?? []);

  constructor(private readonly text: Check) {}

  async load(id: number) {
    const { submission, etag } = await api.submissionForEdit(id);
    const round = await api.round(submission.roundId);
    this.framework = await api.framework(round.frameworkId);
    this.#reset(submission, etag);
  }

  #reset(submission: Submission, etag: string, keep: Record<number, Draft> = {}) {
    const byId = new Map(submission.scores.map((s) => [s.indicatorId, s]));
    const original: Record<number, Draft> = {};
    for (const ind of this.indicators) original[ind.id] = draftOf(byId.get(ind.id));
    this.submission = submission;
    this.etag = etag;
    this.original = original;
    this.drafts = { ...structuredClone(original), ...keep };
  }

  set(id: number, patch: Partial<Draft>) {
    this.drafts[id] = { ...this.drafts[id], ...patch };
    for (const k of Object.keys(this.errors)) if (k.startsWith(`${id}.`)) delete this.errors[k];
  }

  /** Client checks (the same rules the server applies); returns field errors by key. */
  validate(ids: number[]): Record<string, string> {
    const errs: Record<string, string> = {};
    for (const id of ids) {
      const ind = this.indicators.find((i) => i.id === id)!;
      const d = this.drafts[id];
      if (d.value.trim() !== '') {
        const v = Number(d.value.replace(',', '.'));
        const [min, max] = bounds(ind);
        if (!Number.isFinite(v)) errs[`${id}.value`] = this.text('assess.err.number');
        else if (v < min || v > max) errs[`${id}.value`] = this.text('assess.err.range', { min, max });
      }
      d.evidence.forEach((e, k) => {
        if (!e.title.trim()) errs[`${id}.doc.${k}.title`] = this.text('assess.err.title');
        if (e.url.trim() && !/^https?:\/\/\S+\.\S+/.test(e.url.trim())) errs[`${id}.doc.${k}.url`] = this.text('assess.err.url');
      });
    }
    return errs;
  }

  async save(): Promise<boolean> {
    const ids = this.dirtyIds;
    if (!this.submission || ids.length === 0) return true;
    this.errors = this.validate(ids);
    if (Object.keys(this.errors).length) return this.#fail(this.text('assess.invalid', { n: Object.keys(this.errors).length }));
    const scores: ScoreWrite[] = ids.map((id) => {
      const d = this.drafts[id];
      return { indicatorId: id, value: d.value.trim() === '' ? null : Number(d.value.replace(',', '.')), evidenceText: d.evidenceText || null, note: d.note || null, evidence: d.evidence.map((e) => ({ documentType: e.documentType, title: e.title.trim(), url: e.url.trim() || null })) };
    });
    return this.#write(() => api.saveScores(this.submission!.id, this.etag, scores), this.text('assess.saved'), ids);
  }

  async submit(): Promise<boolean> {
    if (!(await this.save())) return false;
    return this.#write(() => api.submit(this.submission!.id, this.etag), this.text('assess.submitted'), []);
  }

  /** After a 412: throw away local edits and show the latest version. */
  async reload() {
    const { submission, etag } = await api.submissionForEdit(this.submission!.id);
    this.#reset(submission, etag);
    this.conflict = false;
    this.message = null;
  }

  /** After a 412: the latest version with the user's changed answers placed on top. */
  async merge() {
    const mine = Object.fromEntries(this.dirtyIds.map((id) => [id, $state.snapshot(this.drafts[id])]));
    const { submission, etag } = await api.submissionForEdit(this.submission!.id);
    this.#reset(submission, etag, mine);
    this.conflict = false;
    this.message = { kind: 'ok', text: this.text('assess.merged') };
  }

  async #write(run: () => Promise<{ submission: Submission; etag: string }>, done: string, sent: number[]): Promise<boolean> {
    this.busy = true;
    this.message = null;
    try {
      const { submission, etag } = await run();
      this.#reset(submission, etag);
      this.message = { kind: 'ok', text: done };
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) { this.conflict = true; return false; }
      if (e instanceof ApiError && e.status === 422 && e.problem.errors) {
        for (const fe of e.problem.errors) {
          const m = /^body\.scores\.(\d+)\.(value|evidence\.(\d+)\.(url|title))/.exec(fe.pointer);
          const id = m ? sent[Number(m[1])] : undefined;
          if (id !== undefined) this.errors[m![3] !== undefined ? `${id}.doc.${m![3]}.${m![4]}` : `${id}.value`] = fe.detail;
        }
        return this.#fail(this.text('assess.invalid', { n: e.problem.errors.length }));
      }
      return this.#fail(e instanceof Error ? e.message : String(e));
    } finally {
      this.busy = false;
    }
  }

  #fail(text: string) {
    this.message = { kind: 'error', text };
    return false;
  }
}

/** Allowed range of an indicator's answer. */
export function bounds(ind: Indicator): [number, number] {
  if (ind.scale === 'ordinal') return [0, ind.levels.length - 1];
  if (ind.scale === 'yes_no') return [0, 1];
  if (ind.scale === 'percentage') return [0, 100];
  return [ind.minValue ?? -Infinity, ind.maxValue ?? Infinity];
}
