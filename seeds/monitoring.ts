/**
 * Demo monitoring rounds with submissions, scores and evidence. Scores follow each city's
 * generated context (capacity) plus noise; about 7 % of answers are missing (null, never 0);
 * 2024 improves on 2022 for many cities. Everything here is demo data and marked so.
 *
 * @example
 * const m = buildRound(spec, { participants, indicators, profiles, nextId });
 */
import type { DOCUMENT_TYPES, evidence, rounds, scores, submissions } from '../db/schema';
import type { CityProfile } from './context-values';
import type { IndicatorDef } from './frameworks/types';
import { hashSeed, seededRandom, type SeedRandom } from './random';

type RoundRow = typeof rounds.$inferInsert;
type SubmissionRow = typeof submissions.$inferInsert;
type ScoreRow = typeof scores.$inferInsert;
type EvidenceRow = typeof evidence.$inferInsert;

export interface Participant {
  cityId: number;
  cityKey: string;
  citySlug: string;
  profile: CityProfile;
  /** Key factor codes the toolkit cites this city as an example for. */
  strengths: string[];
}

export interface RoundSpec {
  round: Omit<RoundRow, 'id' | 'demo' | 'version'>;
  /** Share of offered participants that submit at all. */
  participation: number;
  /** Submission status for a participant (given a uniform draw). */
  statusFor: (u: number) => SubmissionRow['status'];
  /** Share of answers left empty. */
  missingShare: number;
  submittedOn: (rng: SeedRandom) => string;
  validatedAt: string | null;
  evidenceYear: number;
}

/** Indicator difficulty: positive = usually scored higher. */
const DIFFICULTY: Record<string, number> = {
  KF01: 0.5, KF02: 0.2, KF03: 0.1, KF04: 0, KF05: -0.1, KF06: 0.2, KF07: -0.3, KF08: 0, KF09: 0.1, KF10: 0.4, KF11: -0.2, KF12: -0.8, KF13: -0.4,
  PM1: 0.5, PM2: 0, PM3: 0, SP1: 0.3, SP2: 0, EM1: -0.3, EM2: 0.1, EM3: 0, BG1: -0.5, BG2: -0.3, BG3: -0.4,
};

/** Toolkit examples: the cities the 2012 toolkit cites for a key factor (DOMAIN.md). */
export const TOOLKIT_EXAMPLES: Record<string, string[]> = {
  KF01: ['FR007C', 'NO001C'], KF02: ['DE003C', 'Copenhagen'], KF03: ['DE001C', 'Copenhagen'], KF04: ['IE001C', 'NO001C'],
  KF05: ['UK001C', 'BE001C'], KF06: ['ES002C', 'DE014C'], KF07: ['DE003C'], KF08: ['ES001C', 'DE003C'], KF09: ['Copenhagen', 'NO001C'],
  KF10: ['IT007C', 'FI002C'], KF11: ['ES002C'], KF12: ['Copenhagen', 'UK001C'], KF13: ['Copenhagen', 'DE001C'],
};

const DOC_TEMPLATES: { type: (typeof DOCUMENT_TYPES)[number]; title: (y: number) => string; text: (y: number) => string }[] = [
  { type: 'annual_report', title: (y) => `Annual diversity report ${y}`, text: (y) => `annual diversity report ${y}, chapter on this key factor` },
  { type: 'strategy', title: (y) => `Integration and diversity strategy ${y - 2}-${y + 2}`, text: (y) => `strategy adopted by the city council in ${y - 2}` },
  { type: 'minutes', title: (y) => `City council minutes, ${y}`, text: (y) => `council decision recorded in the minutes of ${y}` },
  { type: 'monitoring_data', title: (y) => `Integration barometer ${y}`, text: (y) => `indicators published in the integration barometer ${y}` },
  { type: 'budget', title: (y) => `Municipal budget ${y}, integration lines`, text: (y) => `budget lines for ${y}` },
  { type: 'press_release', title: (y) => `Press release on the welcome campaign, ${y}`, text: (y) => `campaign launched in ${y}, press coverage attached` },
  { type: 'survey', title: (y) => `Residents' survey ${y}`, text: (y) => `residents' survey ${y}, results by background` },
  { type: 'website', title: () => 'City website: newcomers and diversity pages', text: () => 'information pages on the city website' },
];

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The value a city gives an indicator, before the round's improvement step. */
function baseValue(ind: IndicatorDef, p: Participant, rng: SeedRandom): number {
  const ctx = 0.45 * p.profile.capacity + 0.25 * (p.profile.civilSociety - 1.5) + 0.25 * (p.profile.politicalSupport - 1.5) + 0.15 * (p.profile.dataAccess - 1.5);
  const level = 1.8 + 0.8 * ctx + (DIFFICULTY[ind.code] ?? 0) + 0.7 * rng.normal() + (p.strengths.includes(ind.code) ? 1.2 : 0);
  return clamp(level, 0, 4);
}

/** Maps a 0-4 latent level onto the indicator's own scale. */
function onScale(ind: IndicatorDef, level: number, rng: SeedRandom): number {
  switch (ind.scale) {
    case 'yes_no':
      return level + 0.5 * rng.normal() >= 2 ? 1 : 0;
    case 'percentage':
      return Math.round(clamp(level * 20 + 8 * rng.normal(), 0, 100));
    case 'number':
      return Math.round(clamp(level * 60 + 25 * rng.normal(), 0, 1000));
    default:
      return Math.round(level);
  }
}

export function buildRound(
  spec: RoundSpec,
  input: {
    roundId: number;
    participants: Participant[];
    indicators: (IndicatorDef & { id: number })[];
    /** Latent level per city and indicator from an earlier round of the same framework, to show progress. */
    previous?: Map<string, number>;
    nextId: { submission: () => number; score: () => number; evidence: () => number };
  },
) {
  const round: RoundRow = { ...spec.round, id: input.roundId, demo: true, version: 1 };
  const subs: SubmissionRow[] = [];
  const scoreRows: ScoreRow[] = [];
  const evidenceRows: EvidenceRow[] = [];
  const levels = new Map<string, number>();
  for (const p of input.participants) {
    const rng = seededRandom(hashSeed(`round:${spec.round.year}:${spec.round.name}:${p.cityKey}`));
    if (!rng.chance(spec.participation)) continue;
    const status = spec.statusFor(rng.next());
    const submitted = status !== 'draft';
    const submittedOn = spec.submittedOn(rng);
    const subId = input.nextId.submission();
    subs.push({
      id: subId,
      roundId: input.roundId,
      cityId: p.cityId,
      status,
      submittedAt: submitted ? `${submittedOn}T14:00:00.000Z` : null,
      validatedAt: status === 'validated' || status === 'published' ? spec.validatedAt : null,
      returnComment: status === 'returned' ? 'Demo: please add written evidence for the scores marked 3 or 4.' : null,
      demo: true,
      version: 1,
      createdAt: `${spec.round.opensOn}T09:00:00.000Z`,
      updatedAt: `${submittedOn}T14:00:00.000Z`,
    });
    for (const ind of input.indicators) {
      const key = `${p.cityId}:${ind.code}`;
      const prev = input.previous?.get(key);
      // Progress: most cities hold or improve; a few slip back.
      const level = prev === undefined ? baseValue(ind, p, rng) : clamp(prev + (rng.chance(0.45) ? 1 : 0) - (rng.chance(0.06) ? 1 : 0) + 0.3 * rng.normal(), 0, 4);
      levels.set(key, level);
      const missing = rng.chance(spec.missingShare);
      const value = missing ? null : onScale(ind, level, rng);
      const scoreId = input.nextId.score();
      let evidenceText: string | null = null;
      if (value !== null && level >= 1.5 && rng.chance(0.4)) {
        const docs = [rng.pick(DOC_TEMPLATES)];
        if (rng.chance(0.35)) {
          const second = rng.pick(DOC_TEMPLATES);
          if (second !== docs[0]) docs.push(second);
        }
        const y = spec.evidenceYear;
        evidenceText = `Demo evidence: ${docs.map((d) => d.text(y)).join('; ')}.`;
        docs.forEach((d, position) =>
          evidenceRows.push({
            id: input.nextId.evidence(),
            scoreId,
            position,
            documentType: d.type,
            title: `Demo: ${d.title(y)}`,
            url: d.type === 'website' ? `https://www.${p.citySlug}.example/diversity` : null,
          }),
        );
      }
      scoreRows.push({
        id: scoreId,
        submissionId: subId,
        indicatorId: ind.id,
        value,
        evidenceText,
        note: null,
        reviewComment: null,
        updatedAt: `${submittedOn}T14:00:00.000Z`,
      });
    }
  }
  return { round, submissions: subs, scores: scoreRows, evidence: evidenceRows, levels };
}
