import { graphql } from '../../graphql';
import { HallFields } from '../shared/hall-fields';

export const HallsInRegionQuery = graphql(
  `
    query FinderHallsInRegion($filter: HallFilter!, $at: DateTime!, $after: String) {
      halls(filter: $filter, first: 60, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...HallCard
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
          ...HallCard
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
