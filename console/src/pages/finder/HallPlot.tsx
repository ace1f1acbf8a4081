import { useI18n } from '../../app/i18n';
import { formatDistance, plotAround } from '../../lib/geo';
import type { Point } from '../../lib/geo';

const SIZE = 360;

/** A hall on the plot: where, whether open, and what a screen reader and the keyboard are told. */
export interface PlottedHall {
  location: Point;
  openNow: boolean;
  /** "第 3 个：某某营业厅，营业中，1.2 公里" */
  label: string;
  /** The id of the hall's entry in the list, which a dot leads to. */
  target: string;
}

/**
 * A map without tiles (none can be reached here): the halls as numbered dots around the chosen
 * point, north up, with a distance scale. Open halls are filled, closed ones hollow and grey. Each
 * dot is a link to the hall in the list (Tab reaches it; Enter moves the focus to the entry).
 */
export function HallPlot({ centre, halls }: { centre: Point; halls: PlottedHall[] }) {
  const { t } = useI18n();
  const plot = plotAround(
    centre,
    halls.map((hall) => hall.location),
    SIZE,
  );
  return (
    <svg
      className="hall-plot"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      width={SIZE}
      height={SIZE}
      role="group"
      aria-label={t('finder.plotLabel', { count: halls.length, scale: formatDistance(plot.scale.meters) })}
    >
      <rect x="0" y="0" width={SIZE} height={SIZE} fill="#f7f9fc" stroke="#d0d7e2" />
      <line x1={SIZE / 2} y1="8" x2={SIZE / 2} y2={SIZE - 8} stroke="#e3e8ef" />
      <line x1="8" y1={SIZE / 2} x2={SIZE - 8} y2={SIZE / 2} stroke="#e3e8ef" />
      <text x={SIZE / 2 + 4} y="18" fontSize="12" fill="#5b6675">
        {t('finder.north')}
      </text>
      {/* The chosen point under the halls, so a hall right there stays readable. */}
      <g>
        <circle cx={SIZE / 2} cy={SIZE / 2} r="5" fill="#d4380d" />
        <circle cx={SIZE / 2} cy={SIZE / 2} r="10" fill="none" stroke="#d4380d" />
      </g>
      {plot.positions.map((position, index) => {
        const hall = halls[index];
        const open = hall?.openNow ?? false;
        return (
          <a
            key={index}
            href={`#${hall?.target ?? ''}`}
            aria-label={hall?.label}
            className="hall-dot"
            onClick={(event) => {
              const entry = hall && document.getElementById(hall.target);
              if (!entry) return;
              event.preventDefault();
              entry.scrollIntoView({ block: 'nearest' });
              entry.focus();
            }}
          >
            <circle
              cx={position.x}
              cy={position.y}
              r="9"
              fill={open ? '#1668dc' : '#ffffff'}
              stroke={open ? '#0b4bb0' : '#8c8c8c'}
              strokeWidth="2"
            />
            <text
              aria-hidden="true"
              x={position.x}
              y={position.y + 4}
              fontSize="10"
              textAnchor="middle"
              fill={open ? '#ffffff' : '#595959'}
            >
              {index + 1}
            </text>
          </a>
        );
      })}
      <g transform={`translate(16, ${SIZE - 20})`}>
        <line x1="0" y1="0" x2={plot.scale.pixels} y2="0" stroke="#262626" strokeWidth="2" />
        <line x1="0" y1="-5" x2="0" y2="5" stroke="#262626" strokeWidth="2" />
        <line x1={plot.scale.pixels} y1="-5" x2={plot.scale.pixels} y2="5" stroke="#262626" strokeWidth="2" />
        <text x={plot.scale.pixels / 2} y="-8" fontSize="12" textAnchor="middle" fill="#262626">
          {formatDistance(plot.scale.meters)}
        </text>
      </g>
    </svg>
  );
}
