import { describe, expect, it } from 'vitest';
import { parseAreaText, summariseArea } from './area.ts';

const ring: [number, number][] = [
  [121.54, 29.874],
  [121.556, 29.874],
  [121.556, 29.886],
  [121.54, 29.886],
  [121.54, 29.874],
];

describe('an area without a map', () => {
  it('counts corners and holes, and finds the box and its middle', () => {
    const hole: [number, number][] = [
      [121.545, 29.878],
      [121.55, 29.878],
      [121.55, 29.88],
      [121.545, 29.878],
    ];
    expect(summariseArea([ring, hole])).toEqual({
      vertices: 7,
      holes: 1,
      bbox: [121.54, 29.874, 121.556, 29.886],
      centre: { lng: 121.548, lat: 29.88 },
    });
  });

  it('takes coordinates, a Polygon or a Feature, and says what is wrong with anything else', () => {
    expect(parseAreaText('')).toEqual({ area: null });
    expect(parseAreaText(JSON.stringify([ring]))).toEqual({ area: [ring] });
    expect(parseAreaText(JSON.stringify({ type: 'Polygon', coordinates: [ring] }))).toEqual({ area: [ring] });
    expect(
      parseAreaText(
        JSON.stringify({
          type: 'Feature',
          properties: {},
          geometry: { type: 'Polygon', coordinates: [ring] },
        }),
      ),
    ).toEqual({ area: [ring] });
    expect(parseAreaText('[[121.5, 29.8]')).toEqual({ error: 'json' });
    expect(parseAreaText(JSON.stringify({ type: 'Point', coordinates: [121.5, 29.8] }))).toEqual({
      error: 'shape',
    });
    expect(parseAreaText(JSON.stringify([[['121.5', 29.8]]]))).toEqual({ error: 'shape' });
  });
});
