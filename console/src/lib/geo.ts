/** Distances and the offline plot of the hall finder (no map tiles can be reached). */

export interface Point {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceMeters(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** "850 m", "1.2 km", "35 km". */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.round(meters)} m`;
  if (meters < 10_000) return `${(meters / 1000).toFixed(1)} km`;
  return `${Math.round(meters / 1000)} km`;
}

/** The mean position of some points (the centre of a region's halls), or undefined for none. */
export function centroid(points: readonly Point[]): Point | undefined {
  if (points.length === 0) return undefined;
  const sum = points.reduce((acc, p) => ({ lat: acc.lat + p.lat, lng: acc.lng + p.lng }), { lat: 0, lng: 0 });
  return { lat: sum.lat / points.length, lng: sum.lng / points.length };
}

export interface Plot {
  /** Each point's position in the square, in the order given. */
  positions: Array<{ x: number; y: number }>;
  /** The scale bar: its length in pixels and in metres (a round number). */
  scale: { pixels: number; meters: number };
}

/**
 * Places points around `centre` in a square of `size` pixels (north up, east right, an
 * equirectangular projection, fine at city scale), so the farthest point sits inside the margin,
 * and picks a round scale bar of at most a quarter of the width.
 */
export function plotAround(centre: Point, points: readonly Point[], size: number, margin = 24): Plot {
  const metersPerDegLat = (Math.PI * EARTH_RADIUS_M) / 180;
  const metersPerDegLng = metersPerDegLat * Math.cos(rad(centre.lat));
  const offsets = points.map((p) => ({
    east: (p.lng - centre.lng) * metersPerDegLng,
    north: (p.lat - centre.lat) * metersPerDegLat,
  }));
  const farthest = Math.max(500, ...offsets.map((o) => Math.max(Math.abs(o.east), Math.abs(o.north))));
  const half = size / 2 - margin;
  const pixelsPerMeter = half / farthest;
  const positions = offsets.map((o) => ({
    x: size / 2 + o.east * pixelsPerMeter,
    y: size / 2 - o.north * pixelsPerMeter,
  }));
  const maxMeters = size / 4 / pixelsPerMeter;
  const steps = [50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000];
  const meters = [...steps].reverse().find((step) => step <= maxMeters) ?? steps[0]!;
  return { positions, scale: { pixels: meters * pixelsPerMeter, meters } };
}

/** A point typed as "30.59,114.30" (a Chinese comma too), within the range the API accepts (China), else undefined. */
export function parsePoint(text: string): Point | undefined {
  const match = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return undefined;
  const point = { lat: Number(match[1]), lng: Number(match[2]) };
  return point.lat >= 18 && point.lat <= 54 && point.lng >= 73 && point.lng <= 135 ? point : undefined;
}
