/**
 * EUROCITIES Charter on Integrating Cities (signed in London, 2010): eleven commitments in the
 * city's four roles. Each commitment is an indicator; the guiding questions are CityPeers' own.
 * Scales are mixed on purpose (ordinal, yes/no, percentage, number) so every scale type is seeded.
 *
 * @example
 * import { integratingCitiesCharter2010 } from './integrating-cities-charter-2010';
 * integratingCitiesCharter2010.areas.map((a) => a.indicators.length); // [3, 2, 3, 3]
 */
import { equalWeights, FIVE_LEVELS, YES_NO_LEVELS, type AreaDef, type FrameworkDef, type IndicatorDef } from './types';

const ordinal = { scale: 'ordinal' as const, levels: FIVE_LEVELS, minValue: 0, maxValue: 4, direction: 'higher_better' as const, weight: 1 };
const yesNo = { scale: 'yes_no' as const, levels: YES_NO_LEVELS, minValue: 0, maxValue: 1, direction: 'higher_better' as const, weight: 1 };

const ind = (code: string, statement: string, guidingQuestions: string[], scale: Partial<IndicatorDef> = ordinal): IndicatorDef =>
  ({ ...ordinal, ...scale, code, statement, guidingQuestions }) as IndicatorDef;

const areas: AreaDef[] = [
  {
    code: 'PM',
    name: 'Policy-makers',
    description: 'The city as the body that sets policy for everyone living there.',
    weight: 1,
    indicators: [
      ind(
        'PM1',
        'The city has publicly declared its commitment to equal opportunities for everyone living in the city.',
        ['Is there a council decision or mayoral declaration to point to?', 'Is it repeated in the city’s main strategies and public communication?'],
        yesNo,
      ),
      ind('PM2', 'The city ensures equal opportunities and non-discrimination across all of its policies.', [
        'Are new policies screened for their effect on residents with a migrant background?',
        'Who checks that the screening happens, and are results published?',
        'Can residents complain about discrimination by the city, and are complaints followed up?',
      ]),
      ind('PM3', 'The city enables migrant communities to take part in policy-making and removes barriers to their participation.', [
        'Which advisory bodies or consultations give migrant residents a voice?',
        'What has the city done to lift practical barriers (language, timing, information) to taking part?',
        'Are migrant organisations supported to build the capacity to participate?',
      ]),
    ],
  },
  {
    code: 'SP',
    name: 'Service providers',
    description: 'The city as provider, or commissioner, of public services.',
    weight: 1,
    indicators: [
      ind('SP1', 'Migrants have equal access to the services they are entitled to, notably language learning, housing, employment, health, social care and education.', [
        'Are take-up and outcomes of key services monitored by migrant background?',
        'Which gaps in access have been found, and what was done about them?',
        'Is information on entitlements available in the main languages spoken in the city?',
      ]),
      ind('SP2', 'Service providers understand and meet the needs of migrants.', [
        'Do service units consult migrant users when they plan or change a service?',
        'Are interpreters and translated material available where they are needed?',
        'Do contracts with external providers require them to meet the needs of a diverse population?',
      ]),
    ],
  },
  {
    code: 'EM',
    name: 'Employers',
    description: 'The city as one of the largest employers in its area.',
    weight: 1,
    indicators: [
      ind('EM1', 'The city takes the steps needed for its staff to reflect the diversity of the population at all levels.', [
        'Does the city know the share of its staff with a migrant background, by grade?',
        'Is there a target for workforce diversity, and is progress reported?',
        'Are recruitment procedures adapted, for example by inviting at least one qualified minority applicant to interview?',
      ]),
      ind('EM2', 'All staff, including staff with a migrant background, are treated fairly and equally by managers and colleagues.', [
        'Do staff surveys ask about unfair treatment, and are the results broken down by background?',
        'Is there a confidential route for reporting harassment or discrimination at work?',
        'Are pay and promotion outcomes compared across groups of staff?',
      ]),
      ind(
        'EM3',
        'Staff understand and respect diversity and equality: staff trained in diversity and equality in the last 12 months, per 1,000 employees.',
        ['How many employees completed diversity or equality training in the last year?', 'Is the training mandatory for managers and for front-line staff?'],
        { scale: 'number', levels: [], minValue: 0, maxValue: 1000, unit: 'per 1,000 staff' },
      ),
    ],
  },
  {
    code: 'BG',
    name: 'Buyers of goods and services',
    description: 'The city as a buyer, using its purchasing power to promote equality and diversity.',
    weight: 1,
    indicators: [
      ind(
        'BG1',
        'Equality and diversity principles are applied in procurement: share of tenders above the national threshold that include equality or diversity clauses.',
        ['How many tenders above the threshold were published last year, and how many had such clauses?', 'Are the clauses checked during the contract?'],
        { scale: 'percentage', levels: [], minValue: 0, maxValue: 100, unit: '%' },
      ),
      ind('BG2', 'The city promotes equality and diversity principles among its contractors.', [
        'Are contractors given guidance or training on equality and diversity?',
        'Are contractors asked to report on the diversity of their workforce?',
      ]),
      ind(
        'BG3',
        'The city has a programme to develop a diverse supplier base, including businesses owned by people with a migrant background.',
        ['Does the city run information sessions for small and migrant-owned businesses on how to bid?', 'Is the share of such suppliers monitored?'],
        yesNo,
      ),
    ],
  },
];

const equal = equalWeights(areas);

export const integratingCitiesCharter2010: FrameworkDef = {
  slug: 'integrating-cities-charter',
  version: '2010',
  name: 'Charter on Integrating Cities commitments',
  description:
    'The eleven commitments signatory cities make as policy-makers, service providers, employers and buyers of goods and services. ' +
    'Signatories also agree to monitor progress with a common set of indicators and to take part in peer reviews.',
  source: 'EUROCITIES, Charter on Integrating Cities, London 2010 (commitments summarised and questions written by CityPeers)',
  status: 'active',
  areas,
  weightSets: [{ version: '2010-equal', description: 'Every commitment and every role counts the same.', ...equal, minAnsweredShare: 0.5 }],
};
