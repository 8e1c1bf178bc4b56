import { area as turfArea } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { BBox, PolygonCoordinates } from './org.schema.ts';

/** The columns that describe a unit's area: the polygon as JSON, its bounding box and its size. */
export interface AreaColumns {
  area: string | null;
  area_m2: number | null;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
}

function geometry(coordinates: PolygonCoordinates) {
  return { type: 'Polygon' as const, coordinates };
}

/** Bounding box of the outer ring (holes lie inside it). */
export function polygonBBox(coordinates: PolygonCoordinates): BBox {
  const outer = coordinates[0] ?? [];
  const lngs = outer.map((p) => p[0]);
  const lats = outer.map((p) => p[1]);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

/** Geodesic area in square metres. */
export function polygonAreaM2(coordinates: PolygonCoordinates): number {
  return Math.round(turfArea(geometry(coordinates)) * 100) / 100;
}

export function areaColumns(coordinates: PolygonCoordinates | null): AreaColumns {
  if (!coordinates) {
    return { area: null, area_m2: null, min_lng: null, min_lat: null, max_lng: null, max_lat: null };
  }
  const [minLng, minLat, maxLng, maxLat] = polygonBBox(coordinates);
  return {
    area: JSON.stringify(coordinates),
    area_m2: polygonAreaM2(coordinates),
    min_lng: minLng,
    min_lat: minLat,
    max_lng: maxLng,
    max_lat: maxLat,
  };
}

/** A rectangle as a polygon, outer ring counter-clockwise as RFC 7946 asks. */
export function rectangle([minLng, minLat, maxLng, maxLat]: BBox): PolygonCoordinates {
  return [
    [
      [minLng, minLat],
      [maxLng, minLat],
      [maxLng, maxLat],
      [minLng, maxLat],
      [minLng, minLat],
    ],
  ];
}

/** True when the point lies inside the polygon or on its edge, and not in a hole. */
export function polygonContains(coordinates: PolygonCoordinates, lng: number, lat: number): boolean {
  return booleanPointInPolygon([lng, lat], geometry(coordinates));
}

export function parseArea(text: string | null): PolygonCoordinates | null {
  return text == null ? null : (JSON.parse(text) as PolygonCoordinates);
}
