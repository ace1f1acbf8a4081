import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ResultOf } from '../../graphql';
import { useI18n } from '../../app/i18n';
import { HallHours, HallStateTag, isOpen } from './HallHours';
import type { HallFields } from './hall-fields';

export type HallCardView = ResultOf<typeof HallFields>;

/**
 * One hall in a list (the finder, where-can-I): name, tier, open/closed now, how far, address and
 * phone, today's hours and the next change; greyed while closed.
 */
export function HallCard({
  hall,
  distance,
  index,
  tierLabel,
  weekly = false,
  id,
  level = 2,
}: {
  hall: HallCardView;
  /** How far, already worded ("1.2 km", "1.2 km from the centre"). */
  distance: ReactNode;
  /** The number shown beside the name (the same number as on the map), if any. */
  index?: number;
  tierLabel?: string;
  /** Show the weekly hours too. */
  weekly?: boolean;
  id?: string;
  /** The heading level of the hall's name in the page's outline. */
  level?: 2 | 3 | 4 | 5;
}) {
  const { t } = useI18n();
  return (
    // Reachable by id from the map's dots, which move the focus here.
    <li
      id={id}
      tabIndex={id ? -1 : undefined}
      className={isOpen(hall) ? 'finder-hall' : 'finder-hall finder-hall-closed'}
    >
      <div className="finder-hall-head">
        {index !== undefined && (
          <span className="finder-index" aria-hidden="true">
            {index}
          </span>
        )}
        <Typography.Title level={level} className="finder-hall-name" style={{ fontSize: 16, margin: 0 }}>
          {hall.name}
        </Typography.Title>
        {tierLabel && <Tag>{tierLabel}</Tag>}
        <HallStateTag hall={hall} />
        <span className="finder-distance">{distance}</span>
      </div>
      <div>
        {hall.address}
        {hall.phone && (
          <>
            {' · '}
            {t('finder.phone')}: <a href={`tel:${hall.phone}`}>{hall.phone}</a>
          </>
        )}
      </div>
      <HallHours hall={hall} weekly={weekly} />
    </li>
  );
}
