import { useTranslation } from 'react-i18next';
import { unitName } from '../../../components/case/labels.tsx';
import type { UnitView } from '../api.ts';
import type { Polygon } from './area.ts';

const SIZE = 320;

/** Rough width of a 10px label: Chinese characters are square, Latin ones about half as wide. */
function labelWidth(text: string): number {
  return [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 10 : 5.6), 0);
}

/** The name if it fits the box, else the code, else nothing (the box's tooltip still names it). */
function fitLabel(name: string, code: string, width: number): string | null {
  if (labelWidth(name) <= width - 4) return name;
  if (labelWidth(code) <= width - 4) return code;
  return null;
}
const PAD = 14;

/**
 * The area drawn to scale without a map: the unit's polygon filled, the boxes of its sub-units'
 * areas outlined and named, and a tested point if there is one. North is up.
 */
export function AreaSketch({
  area,
  subAreas,
  point,
  title,
}: {
  area: Polygon;
  subAreas: Pick<UnitView, 'id' | 'code' | 'nameZh' | 'nameEn' | 'bbox'>[];
  point?: { lat: number; lng: number } | null;
  title: string;
}) {
  const { i18n } = useTranslation();
  const boxes = subAreas.flatMap((c) =>
    c.bbox && c.bbox.length === 4 ? [{ unit: c, box: c.bbox as [number, number, number, number] }] : [],
  );
  const all: (readonly [number, number])[] = [
    ...area.flat(),
    ...boxes.flatMap(({ box }) => [[box[0], box[1]] as const, [box[2], box[3]] as const]),
  ];
  const lngs = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [
    Math.min(...lngs),
    Math.max(...lngs),
    Math.min(...lats),
    Math.max(...lats),
  ];
  // Degrees of longitude are shorter than degrees of latitude away from the equator.
  const squash = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * squash, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (SIZE - 2 * PAD) / Math.max(spanX, spanY);
  const width = spanX * scale + 2 * PAD;
  const height = spanY * scale + 2 * PAD;
  const x = (lng: number) => PAD + (lng - minLng) * squash * scale;
  const y = (lat: number) => PAD + (maxLat - lat) * scale;
  const path = area
    .map((ring) => `M${ring.map(([lng, lat]) => `${x(lng).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`)
    .join(' ');

  return (
    <svg
      className="area-sketch"
      viewBox={`0 0 ${width.toFixed(0)} ${height.toFixed(0)}`}
      role="img"
      aria-label={title}
    >
      <title>{title}</title>
      <path d={path} fill="#cfe8df" stroke="#1f6f5c" strokeWidth={1.5} fillRule="evenodd" />
      {boxes.map(({ unit, box: [w, s, e, n] }) => (
        <g key={unit.id}>
          <rect
            x={x(w)}
            y={y(n)}
            width={Math.max(1, x(e) - x(w))}
            height={Math.max(1, y(s) - y(n))}
            fill="none"
            stroke="#6b8f84"
            strokeDasharray="3 2"
          />
          <title>{unitName(unit, i18n.language)}</title>
          {fitLabel(unitName(unit, i18n.language), unit.code, x(e) - x(w)) && (
            <text
              x={(x(w) + x(e)) / 2}
              y={(y(s) + y(n)) / 2}
              fontSize={10}
              textAnchor="middle"
              dominantBaseline="middle"
              fill="#35524a"
            >
              {fitLabel(unitName(unit, i18n.language), unit.code, x(e) - x(w))}
            </text>
          )}
        </g>
      ))}
      {point && (
        <circle cx={x(point.lng)} cy={y(point.lat)} r={5} fill="#d4380d" stroke="#fff" strokeWidth={1.5} />
      )}
      <text x={width - 6} y={12} fontSize={10} textAnchor="end" fill="#8c8c8c">
        N ↑
      </text>
    </svg>
  );
}
