/** Small geodesy helpers for "near me" (pure). */
import type { GeoPoint } from './hall.model.js';

const EARTH_RADIUS_M = 6_371_008.8;
const toRad = (deg: number) => (deg * Math.PI) / 180;

/** The great-circle distance in metres between two WGS84 points (haversine, mean Earth radius). */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A lat/lng box that contains every point within `radiusKm` of `center` (a superset: filter after). */
export function boundingBox(
  center: GeoPoint,
  radiusKm: number,
): { south: number; north: number; west: number; east: number } {
  const latDelta = (radiusKm * 1000) / ((EARTH_RADIUS_M * Math.PI) / 180);
  const cos = Math.max(Math.cos(toRad(center.lat)), 0.01);
  const lngDelta = latDelta / cos;
  return {
    south: center.lat - latDelta,
    north: center.lat + latDelta,
    west: center.lng - lngDelta,
    east: center.lng + lngDelta,
  };
}
