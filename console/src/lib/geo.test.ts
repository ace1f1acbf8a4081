import { describe, expect, it } from 'vitest';
import { centroid, distanceMeters, formatDistance, parsePoint, plotAround } from './geo';

const wuhanStation = { lat: 30.6071, lng: 114.4241 };
const hankouStation = { lat: 30.6181, lng: 114.2554 };

describe('distances', () => {
  it('measures the great-circle distance', () => {
    // Wuhan to Hankou railway station: about 16 km.
    expect(distanceMeters(wuhanStation, hankouStation)).toBeGreaterThan(15_500);
    expect(distanceMeters(wuhanStation, hankouStation)).toBeLessThan(16_800);
    expect(distanceMeters(wuhanStation, wuhanStation)).toBe(0);
  });
  it('shows metres, then kilometres with one decimal, then whole kilometres', () => {
    expect(formatDistance(850.4)).toBe('850 m');
    expect(formatDistance(1_234)).toBe('1.2 km');
    expect(formatDistance(35_600)).toBe('36 km');
  });
  it('finds the centre of some points', () => {
    expect(centroid([])).toBeUndefined();
    expect(
      centroid([
        { lat: 30, lng: 114 },
        { lat: 32, lng: 116 },
      ]),
    ).toEqual({ lat: 31, lng: 115 });
  });
});

describe('the offline plot', () => {
  it('puts north up and east right, the farthest point inside the margin', () => {
    const centre = { lat: 30.6, lng: 114.3 };
    const plot = plotAround(
      centre,
      [{ lat: 30.65, lng: 114.3 }, { lat: 30.6, lng: 114.35 }, centre],
      400,
      20,
    );
    const [north, east, middle] = plot.positions;
    expect(middle).toEqual({ x: 200, y: 200 });
    expect(north!.y).toBeLessThan(200);
    expect(north!.x).toBeCloseTo(200);
    expect(east!.x).toBeGreaterThan(200);
    for (const p of plot.positions) {
      expect(p.x).toBeGreaterThanOrEqual(20);
      expect(p.x).toBeLessThanOrEqual(380);
      expect(p.y).toBeGreaterThanOrEqual(20);
      expect(p.y).toBeLessThanOrEqual(380);
    }
  });
  it('draws a round scale bar at most a quarter of the width, true to the distances', () => {
    const centre = { lat: 30.6, lng: 114.3 };
    const far = { lat: 30.69, lng: 114.3 }; // about 10 km north
    const plot = plotAround(centre, [far], 400, 20);
    expect(plot.scale.meters).toBe(5_000); // 10 km over 180 px: a quarter of the width is 5.6 km
    expect(plot.scale.pixels).toBeLessThanOrEqual(100);
    const pixelsToFar = 200 - plot.positions[0]!.y;
    const metersPerPixel = plot.scale.meters / plot.scale.pixels;
    expect(pixelsToFar * metersPerPixel).toBeCloseTo(distanceMeters(centre, far), -2);
  });
});

describe('typed coordinates', () => {
  it('reads "lat,lng" with either comma, and refuses points outside China or nonsense', () => {
    expect(parsePoint(' 30.59, 114.30 ')).toEqual({ lat: 30.59, lng: 114.3 });
    expect(parsePoint('30.59，114.30')).toEqual({ lat: 30.59, lng: 114.3 });
    expect(parsePoint('114.30,30.59')).toBeUndefined();
    expect(parsePoint('51.5,-0.12')).toBeUndefined();
    expect(parsePoint('武汉')).toBeUndefined();
  });
});
