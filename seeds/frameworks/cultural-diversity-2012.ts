/**
 * "Promoting cultural diversity": the Integrating Cities toolkit of the MIXITIES project
 * (EUROCITIES, 2012). Thirteen key factors, each a statement a city can judge true or not,
 * with guiding questions. Texts are CityPeers' own English wording of the toolkit's ideas
 * (source read: the Swedish edition, seed-documents/003).
 *
 * @example
 * import { culturalDiversity2012 } from './cultural-diversity-2012';
 * culturalDiversity2012.areas.length; // 13
 */
import { equalWeights, FIVE_LEVELS, type AreaDef, type FrameworkDef } from './types';

const ordinal = { scale: 'ordinal' as const, levels: FIVE_LEVELS, minValue: 0, maxValue: 4, direction: 'higher_better' as const, weight: 1 };

function keyFactor(code: string, name: string, description: string, statement: string, guidingQuestions: string[]): AreaDef {
  return { code, name, description, weight: 1, indicators: [{ code, statement, guidingQuestions, ...ordinal }] };
}

const areas: AreaDef[] = [
  keyFactor(
    'KF01',
    'Public commitment',
    'Speaking openly about diversity sets an example for other actors and builds trust among residents with a migrant background.',
    'The city actively communicates its commitment to diversity.',
    [
      'Has the city made a public statement of its commitment to diversity?',
      'Do politicians, staff and residents, with and without a migrant background, refer to that commitment regularly?',
      'Through which channels does the commitment reach the media and the wider public?',
      'Does the city run activities that show the value of diversity, such as campaigns, events, awards or exhibitions?',
    ],
  ),
  keyFactor(
    'KF02',
    'Strategy',
    'Integration is a long, structural process, so promoting diversity needs sustained political priority and a deliberate plan.',
    'The city makes promoting diversity a strategic policy goal.',
    [
      'Is there a long-term strategy for promoting diversity?',
      'Does the strategy set out priorities and milestones?',
      'Is enough money set aside to carry the strategy out?',
      'Do staff across departments and municipal services know the strategy, use it and refer to it?',
      'Are migrants named as a distinct target group in the strategy or its objectives?',
    ],
  ),
  keyFactor(
    'KF03',
    'Leadership and coordination',
    'Carrying out the strategy needs someone with a clear mandate and enough authority to bring every actor along.',
    'The city gives a person or unit with sufficient authority the responsibility for implementing the diversity strategy and coordinating all actors involved.',
    [
      'Which person, unit or group of units is responsible for developing, implementing and checking the diversity strategy?',
      'Does that person or unit have the budget and the legal powers the task requires?',
      'How far has diversity been built into sectors such as education, employment, welfare, planning, human resources and economic development?',
      'How well is the strategy coordinated across districts and neighbourhoods?',
    ],
  ),
  keyFactor(
    'KF04',
    'Participation',
    'Democracy rests on everyone taking part; when migrants are represented, their needs are understood and their skills are put to use.',
    'The city involves migrant communities in policy-making and removes barriers to their participation.',
    [
      'How are migrants consulted when the diversity strategy is drawn up and reviewed?',
      'Is there an elected umbrella body that speaks for migrant residents?',
      'How well are migrants represented on advisory boards, committees and thematic working groups?',
      'How well are people with a migrant background represented among elected politicians?',
      'What does the city do to encourage eligible voters with a migrant background to register and vote?',
      'Does the city offer capacity-building for migrant organisations so they can take an active part in civic life?',
    ],
  ),
  keyFactor(
    'KF05',
    'Engaging stakeholders',
    'Diversity is a task for the whole of society; partners outside the administration bring resources, ideas and reach.',
    'The city raises awareness among, mobilises and involves partners outside the administration to pursue its diversity goals.',
    [
      'How does the city influence diversity work by local partners such as employers, trade unions, business associations and housing providers?',
      'Does the city work regularly with migrant organisations and other groups that support migrants?',
      'Is there regular cooperation with wider stakeholders such as unions, business bodies and housing associations?',
      'How does the city recognise or reward good diversity practice in local businesses and civil society?',
    ],
  ),
  keyFactor(
    'KF06',
    'Raising awareness',
    'Public opinion on migration is shaped by the media and everyday encounters; the city can do much to inform it.',
    'The city promotes the principles of diversity among the population.',
    [
      'Together with migrant organisations, does the city have an approach (for example a code of conduct) for working with local media on fair and accurate reporting?',
      'Are there ways to monitor the media and respond to inflammatory coverage?',
      'Does the city run campaigns and events that bring the diversity message to specific audiences, including groups that may hold negative views?',
      'Does the city organise or support meetings between different groups of residents?',
      'How are racist incidents in public spaces reported, and what follows from a report?',
    ],
  ),
  keyFactor(
    'KF07',
    'Employer',
    'A diverse municipal workforce sets an example, serves a diverse population better and finds more creative solutions.',
    'The city actively markets itself as an employer, adapts its recruitment and raises the share of staff with a migrant background at all levels.',
    [
      'How closely does the workforce of the city and its companies mirror the population it serves?',
      'Is there an explicit diversity policy for human resources?',
      'How does recruitment reach people with a migrant background, for example by recognising foreign qualifications, welcoming migrant applicants in vacancy notices, valuing relevant languages and intercultural skills, and offering work placements to young migrants?',
      'What career support, such as language courses, mentoring or rotation between departments, is offered to existing staff with a migrant background?',
    ],
  ),
  keyFactor(
    'KF08',
    'Staff development',
    'Diversity competence helps staff design policies and services for a mixed population and work well in a mixed team.',
    'The city trains its staff, including staff of municipally owned companies, in diversity competence.',
    [
      'Does human resources have rules for building diversity competence at every level and in every department?',
      'Is diversity training offered to staff free of charge?',
      'Is the training adapted to the needs of different sectors and positions?',
      'Is diversity competence considered in staff appraisals and career progression?',
      'Does each department or field of work have someone responsible for diversity?',
    ],
  ),
  keyFactor(
    'KF09',
    'Needs assessment',
    'Migrants, like any group, may have particular needs and expectations that services must understand, whoever provides them.',
    'The city ensures that service providers understand and meet the needs of migrants.',
    [
      "How is residents' diverse background taken into account when services such as housing, schools, leisure, health and social care, employment support and policing are designed and delivered?",
      'How does the city collect and use feedback from migrants to adapt its services?',
      'Are services such as burials, school meals and leisure facilities (for example women-only sessions) arranged so that residents of every background can use them?',
    ],
  ),
  keyFactor(
    'KF10',
    'Welcoming culture',
    "A newcomer's first contacts with the city shape long-term integration; proactive help builds trust.",
    'The city ensures that newcomers are properly received.',
    [
      'Does the city provide comprehensive information for newcomers in several languages?',
      'How does the city help people who have just moved from abroad find their way through administrative procedures?',
      'Do migrants know about the welcome and reception services, and are these available in several languages?',
      'Do city leaders speak up for a welcoming culture?',
      'Is there a dedicated office, or a cooperation between departments, that coordinates the reception of newcomers?',
    ],
  ),
  keyFactor(
    'KF11',
    'Mediation',
    'Growing diversity can bring tensions; handled early they need not escalate, so prevention matters most.',
    'The city actively addresses potential and emerging conflicts linked to diversity.',
    [
      'Does the city have a strategy or approach for preventing conflicts linked to growing diversity?',
      'Are potential flashpoints identified and watched?',
      'Are there enough field staff trained in mediation and conflict resolution to step in when tensions arise?',
      'What does the city do to counter myths and stereotypes?',
      'Is there an agreed way for the council, other public bodies and local media to coordinate their response to incidents that could harm intercultural relations?',
    ],
  ),
  keyFactor(
    'KF12',
    'Procurement',
    'Purchasing power lets a city carry diversity beyond its own services and opens opportunities for migrant-owned businesses.',
    'The city applies diversity principles in procurement and the tendering of municipal contracts.',
    [
      'Do purchasing rules favour suppliers that have a diversity policy?',
      'How are diversity standards written into public procurement regulations?',
      'Are diversity requirements included in tender specifications?',
      'How does the city make sure that migrant-owned businesses have a fair chance in procurement?',
      'How does the city encourage migrant-owned businesses to bid for public contracts?',
      'How are diversity principles promoted among suppliers?',
    ],
  ),
  keyFactor(
    'KF13',
    'Monitoring and evaluation',
    'Integration changes fast; the strategy must be reviewed and adjusted so that it keeps addressing real needs effectively.',
    'The city monitors and evaluates its diversity strategy regularly.',
    [
      'Does the city report regularly on the diversity strategy and its action plan?',
      'Do analyses and evaluations lead to changes in what the city does?',
      'Are quantitative and qualitative data on integration and diversity collected regularly across sectors such as employment, housing, health, education and procurement?',
      'How does the city assess the impact of its campaigns and other diversity initiatives?',
    ],
  ),
];

const equal = equalWeights(areas);

export const culturalDiversity2012: FrameworkDef = {
  slug: 'cultural-diversity',
  version: '2012',
  name: 'Promoting cultural diversity (Integrating Cities toolkit)',
  description:
    'Thirteen key factors that make it easier for a city to use the diversity brought by migration for the benefit of all residents. ' +
    'Each key factor is scored from 0 (not in place) to 4 (fully in place, embedded and evaluated), backed by guiding questions and evidence.',
  source: 'EUROCITIES, Integrating Cities toolkit "Promoting cultural diversity", MIXITIES project, 2012 (wording paraphrased by CityPeers)',
  status: 'active',
  areas,
  weightSets: [
    {
      version: '2012-equal',
      description: 'Every key factor counts the same, as in the toolkit.',
      ...equal,
      minAnsweredShare: 0.5,
    },
    {
      version: '2024-strategy-emphasis',
      description:
        'Demo weight set: doubles the weight of strategy, leadership and monitoring (KF02, KF03, KF13), the factors the network chose to stress in 2024.',
      indicatorWeights: { ...equal.indicatorWeights, KF02: 2, KF03: 2, KF13: 2 },
      areaWeights: { ...equal.areaWeights, KF02: 2, KF03: 2, KF13: 2 },
      minAnsweredShare: 0.5,
    },
  ],
};
