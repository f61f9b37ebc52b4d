/**
 * Country shapes for maps, fetched once on first use (never part of the initial bundle):
 * Natural Earth 1:50m via world-atlas (ISC licence, public-domain data).
 *
 * @example
 * const land = await loadCountries(); // GeoJSON FeatureCollection + borders mesh
 */
import type { FeatureCollection, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { api } from '../api';

let pending: Promise<{ countries: FeatureCollection; borders: MultiLineString }> | null = null;

export function loadCountries() {
  pending ??= fetch(api.worldAtlasUrl)
    .then((r) => r.json() as Promise<Topology<{ countries: GeometryCollection }>>)
    .then((topo) => ({
      countries: feature(topo, topo.objects.countries) as FeatureCollection,
      borders: mesh(topo, topo.objects.countries, (a, b) => a !== b) as MultiLineString,
    }));
  return pending;
}
