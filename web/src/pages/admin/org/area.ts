// A unit's area (辖区) is a GeoJSON polygon `[[[lng, lat], …], …]`: an outer ring, then any holes.
// Without a map service the page describes it in numbers (points, box, centre) and a small sketch.

export type Ring = [number, number][];
export type Polygon = Ring[];

export interface AreaSummary {
  /** Corner points, not counting each ring's closing repeat of its first point. */
  vertices: number;
  holes: number;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
  /** The middle of the box, a fair place to test "which unit holds this point". */
  centre: { lat: number; lng: number };
}

export function summariseArea(area: Polygon): AreaSummary | null {
  const outer = area[0];
  if (!outer || outer.length === 0) return null;
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of outer) {
    minLng = Math.min(minLng, lng);
    maxLng = Math.max(maxLng, lng);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const corners = (ring: Ring) => {
    const first = ring[0];
    const last = ring.at(-1);
    const closed = first && last && first[0] === last[0] && first[1] === last[1];
    return ring.length - (closed ? 1 : 0);
  };
  return {
    vertices: area.reduce((n, ring) => n + corners(ring), 0),
    holes: area.length - 1,
    bbox: [minLng, minLat, maxLng, maxLat],
    centre: { lng: round((minLng + maxLng) / 2), lat: round((minLat + maxLat) / 2) },
  };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** Width and height of a box in metres (near enough at city scale). */
export function boxSizeMetres([minLng, minLat, maxLng, maxLat]: [number, number, number, number]): {
  width: number;
  height: number;
} {
  const metresPerDegree = 111_320;
  const midLat = ((minLat + maxLat) / 2) * (Math.PI / 180);
  return {
    width: (maxLng - minLng) * metresPerDegree * Math.cos(midLat),
    height: (maxLat - minLat) * metresPerDegree,
  };
}

/**
 * What someone pasted as an area: the polygon's coordinates, a GeoJSON Polygon geometry, or a
 * Feature holding one. Empty text means "no area". The server checks the rings themselves.
 */
export function parseAreaText(text: string): { area: Polygon | null } | { error: 'json' | 'shape' } {
  const trimmed = text.trim();
  if (!trimmed) return { area: null };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { error: 'json' };
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as { type?: unknown; coordinates?: unknown; geometry?: unknown };
    if (o.type === 'Feature') value = o.geometry;
    const g = value as { type?: unknown; coordinates?: unknown } | null;
    if (g && g.type === 'Polygon') value = g.coordinates;
  }
  const isPosition = (p: unknown) =>
    Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
  if (!Array.isArray(value) || value.length === 0) return { error: 'shape' };
  if (!value.every((ring) => Array.isArray(ring) && ring.length > 0 && ring.every(isPosition)))
    return { error: 'shape' };
  return { area: value as Polygon };
}
