import { describe, expect, it } from 'vitest';
import { fitWithin, jpegName, MAX_EDGE } from './photo.ts';

describe('photo resizing', () => {
  it('shrinks a phone photo to the longest edge allowed, keeping its proportions', () => {
    expect(MAX_EDGE).toBe(1600);
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 }); // landscape 4:3
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 }); // portrait
    expect(fitWithin(4000, 4000)).toEqual({ width: 1600, height: 1600 });
    const wide = fitWithin(9000, 1000); // a panorama: the long side is cut, the ratio kept
    expect(wide.width).toBe(1600);
    expect(wide.width / wide.height).toBeCloseTo(9, 1);
  });

  it('never enlarges a small picture, and never returns a side below one pixel', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1600, 900)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(20000, 3)).toEqual({ width: 1600, height: 1 });
    expect(fitWithin(1000, 500, 100)).toEqual({ width: 100, height: 50 });
  });

  it('gives nothing to draw for a picture with no size', () => {
    expect(fitWithin(0, 600)).toEqual({ width: 0, height: 0 });
    expect(fitWithin(Number.NaN, 600)).toEqual({ width: 0, height: 0 });
  });

  it('names the redrawn photo as a JPEG', () => {
    expect(jpegName('IMG_0042.HEIC')).toBe('IMG_0042.jpg');
    expect(jpegName('路灯.png')).toBe('路灯.jpg');
    expect(jpegName('photo')).toBe('photo.jpg');
    expect(jpegName('.png')).toBe('photo.jpg');
  });
});
