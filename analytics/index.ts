/** Public API of the pure analytics core. */
export * from './matrix';
export * from './random';
export * from './stats';
export * from './normalize';
export * from './distance';
export * from './neighbors';
export * from './peerQueryParts';
export * from './kernels';
export * from './kmeans';
export * from './kmeansSteps';
export * from './hierarchical';
export * from './kmedoids';
export * from './silhouette';
export * from './eigen';
export * from './pca';
export * from './stability';
