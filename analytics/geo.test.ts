import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EARTH_RADIUS_KM, distanceMatrixKm, haversineKm } from './geo';

const point = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }) });

describe('haversineKm', () => {
  it('one degree of longitude on the equator is 2πR/360', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_KM) / 360, 9);
  });
  it('pole to pole is half the circumference', () => {
    expect(haversineKm({ lat: 90, lon: 0 }, { lat: -90, lon: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });
  it('Oslo → Copenhagen ≈ 483 km, Berlin → Munich ≈ 504 km', () => {
    expect(haversineKm({ lat: 59.9139, lon: 10.7522 }, { lat: 55.6761, lon: 12.5683 })).toBeCloseTo(483, -1);
    expect(haversineKm({ lat: 52.52, lon: 13.405 }, { lat: 48.1351, lon: 11.582 })).toBeCloseTo(504, -1);
  });
  it('crosses the antimeridian the short way', () => {
    expect(haversineKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 })).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_KM) / 360, 6);
  });
  it('rejects out-of-range coordinates', () => {
    expect(() => haversineKm({ lat: 91, lon: 0 }, { lat: 0, lon: 0 })).toThrow('a.lat=91 must be within -90..90 degrees');
  });
  it('is a metric: symmetric, zero on self, triangle inequality, ≤ πR', () => {
    fc.assert(fc.property(point, point, point, (a, b, c) => {
      const ab = haversineKm(a, b);
      expect(ab).toBeCloseTo(haversineKm(b, a), 6);
      expect(haversineKm(a, a)).toBe(0);
      expect(ab).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_KM + 1e-6);
      expect(ab).toBeLessThanOrEqual(haversineKm(a, c) + haversineKm(c, b) + 1e-6);
    }), { seed: 3 });
  });
  it('distanceMatrixKm is symmetric with zero diagonal', () => {
    const d = distanceMatrixKm([{ lat: 0, lon: 0 }, { lat: 0, lon: 1 }, { lat: 10, lon: 10 }]);
    expect(d[0][0]).toBe(0);
    expect(d[0][2]).toBe(d[2][0]);
    expect(d[0][1]).toBeCloseTo(111.195, 2);
  });
});
