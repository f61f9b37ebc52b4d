/** Public API of the export anonymiser (issue 7). */
export * from './entropy';
export * from './pseudonyms';
export * from './shuffle';
export * from './bands';
export * from './kanonymity';
export * from './risk';
export * from './suppression';
export * from './dp';
export * from './derived';
export * from './aggregates';
export * from './export-plan';
