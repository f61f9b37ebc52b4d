/** Great-circle distances on a spherical Earth (haversine formula). */

export interface LatLon {
  /** degrees, -90..90 */
  lat: number;
  /** degrees, -180..180 */
  lon: number;
}

/** Mean Earth radius in km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Great-circle distance in km between two points given in degrees.
 * @example
 * haversineKm({ lat: 59.9139, lon: 10.7522 }, { lat: 55.6761, lon: 12.5683 }) // Oslo → Copenhagen ≈ 483 km
 */
export function haversineKm(a: LatLon, b: LatLon): number {
  for (const [name, p] of [['a', a], ['b', b]] as const) {
    if (!(Math.abs(p.lat) <= 90)) throw new Error(`${name}.lat=${p.lat} must be within -90..90 degrees`);
    if (!(Math.abs(p.lon) <= 180)) throw new Error(`${name}.lon=${p.lon} must be within -180..180 degrees`);
  }
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Symmetric matrix of great-circle distances (km) between all points.
 * @example
 * distanceMatrixKm([{ lat: 0, lon: 0 }, { lat: 0, lon: 1 }]) // [[0, 111.19…], [111.19…, 0]]
 */
export function distanceMatrixKm(points: LatLon[]): number[][] {
  const d = points.map(() => new Array<number>(points.length).fill(0));
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) d[i][j] = d[j][i] = haversineKm(points[i], points[j]);
  }
  return d;
}
