import { graphql } from '../../graphql';

const HallFields = graphql(`
  fragment FinderHall on Hall {
    id
    code
    name
    address
    phone
    tier
    status
    openNow
    location {
      lat
      lng
    }
    openingHours {
      summary
    }
    nextChange {
      at
      opens
    }
  }
`);

export const HallsInRegionQuery = graphql(
  `
    query FinderHallsInRegion($filter: HallFilter!) {
      halls(filter: $filter, first: 100) {
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
    query FinderNearbyHalls($near: GeoPointInput!, $filter: HallFilter) {
      nearbyHalls(near: $near, radiusKm: 50, first: 30, filter: $filter) {
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
