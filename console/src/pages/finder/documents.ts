import { graphql } from '../../graphql';

// A hall as the finder lists it, with its state and hours at the instant `$at` (the page's clock,
// moving on each minute): the operation that spreads it declares `$at`. About 57 cost points a
// hall (see README "Limits"): a region page asks for 60 halls, within the 5,000-point budget.
const HallFields = graphql(`
  fragment FinderHall on Hall {
    id
    code
    name
    address
    phone
    tier
    status
    location {
      lat
      lng
    }
    isOpenAt(at: $at)
    nextChange(at: $at) {
      kind
      date
      time
      daysAhead
      reopens {
        time
      }
    }
    today(at: $at) {
      intervals {
        start
        end
      }
      breaks {
        start
        end
      }
      closed
      special {
        note
      }
    }
    specialDatesAhead(at: $at, days: 7) {
      date
      closed
      note
      intervals {
        start
        end
      }
    }
    openingHours {
      weekly {
        start
        end
      }
    }
  }
`);

export const HallsInRegionQuery = graphql(
  `
    query FinderHallsInRegion($filter: HallFilter!, $at: DateTime!) {
      halls(filter: $filter, first: 60) {
        totalCount
        nodes {
          ...FinderHall
        }
      }
    }
  `,
  [HallFields],
);

export const NearbyHallsQuery = graphql(
  `
    query FinderNearbyHalls($near: GeoPointInput!, $radiusKm: Float!, $filter: HallFilter, $at: DateTime!) {
      nearbyHalls(near: $near, radiusKm: $radiusKm, first: 30, filter: $filter) {
        distanceMeters
        hall {
          ...FinderHall
        }
      }
    }
  `,
  [HallFields],
);

export const FinderLabelsQuery = graphql(`
  query FinderLabels($locale: Locale!) {
    tiers: enumLabels(enum: "HallTier", locale: $locale) {
      value
      label
    }
    services: enumLabels(enum: "ServiceKind", locale: $locale) {
      value
      label
    }
  }
`);

export { HallFields };
