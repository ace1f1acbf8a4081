import { graphql } from '../../graphql';

/** Every labelled enum's labels in one request (tiers, services, channel types, access kinds ...). */
export const AdminLabelsQuery = graphql(`
  query AdminLabels($locale: Locale!) {
    enumLabels(locale: $locale) {
      enum
      value
      label
    }
  }
`);

export const AdminHallsQuery = graphql(`
  query AdminHalls(
    $filter: HallFilter
    $orderBy: HallOrderBy
    $first: Int
    $after: String
    $last: Int
    $before: String
    $locale: Locale!
  ) {
    halls(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      facets {
        tier {
          value
          count
        }
        operation {
          value
          count
        }
        area {
          value
          count
        }
        services {
          value
          count
        }
        status {
          value
          count
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        code
        name
        tier
        operation
        area
        status
        phone
        region {
          id
          name(locale: $locale)
        }
      }
    }
  }
`);

export const HallsCsvQuery = graphql(`
  query AdminHallsCsv($filter: HallFilter) {
    hallsCsv(filter: $filter)
  }
`);

const HallFormFields = graphql(`
  fragment AdminHallFormFields on Hall {
    id
    code
    name
    tier
    operation
    partner
    area
    regionCode
    region {
      id
      code
      level
      ancestors {
        id
        code
      }
    }
    address
    location {
      lat
      lng
    }
    floorAreaM2
    services
    accessibility
    phone
    roster
    status
    version
    updatedAt
    openingHours {
      weekly {
        start
        end
      }
      special {
        date
        closed
        note
        intervals {
          start
          end
        }
      }
    }
  }
`);

export const AdminHallQuery = graphql(
  `
    query AdminHall($code: String!) {
      hall(code: $code) {
        ...AdminHallFormFields
      }
    }
  `,
  [HallFormFields],
);

export const CreateHallMutation = graphql(
  `
    mutation AdminCreateHall($input: CreateHallInput!) {
      createHall(input: $input) {
        hall {
          ...AdminHallFormFields
        }
      }
    }
  `,
  [HallFormFields],
);

export const UpdateHallMutation = graphql(
  `
    mutation AdminUpdateHall($input: UpdateHallInput!) {
      updateHall(input: $input) {
        hall {
          ...AdminHallFormFields
        }
      }
    }
  `,
  [HallFormFields],
);

export const SetHallStatusMutation = graphql(
  `
    mutation AdminSetHallStatus($input: SetHallStatusInput!) {
      setHallStatus(input: $input) {
        hall {
          ...AdminHallFormFields
        }
      }
    }
  `,
  [HallFormFields],
);

export const TownshipsQuery = graphql(`
  query AdminTownships($parentCode: String, $locale: Locale!) {
    regions(parentCode: $parentCode) {
      id
      code
      level
      name(locale: $locale)
    }
  }
`);

export const ImportHallsMutation = graphql(`
  mutation AdminImportHalls($input: ImportHallsInput!) {
    importHalls(input: $input) {
      applied
      dryRun
      created
      updated
      unchanged
      invalid
      rows {
        row
        line
        code
        action
        errors {
          path
          message
        }
      }
    }
  }
`);

export const AdminChannelsQuery = graphql(`
  query AdminChannels($locale: Locale!) {
    channels(first: 100) {
      totalCount
      nodes {
        id
        code
        name(locale: $locale)
        type
        kind
        ownership
        hours
        alwaysOpen
        access {
          kind
          value
          code
          meaning
        }
      }
    }
  }
`);

const ChannelFormFields = graphql(`
  fragment AdminChannelFormFields on Channel {
    id
    code
    name
    nameEn
    type
    kind
    ownership
    description
    hours
    alwaysOpen
    services
    version
    access {
      kind
      value
      code
      meaning
    }
    halls {
      id
      code
    }
  }
`);

export const AdminChannelQuery = graphql(
  `
    query AdminChannel($code: String!) {
      channel(code: $code) {
        ...AdminChannelFormFields
      }
    }
  `,
  [ChannelFormFields],
);

export const UpsertChannelMutation = graphql(
  `
    mutation AdminUpsertChannel($input: UpsertChannelInput!) {
      upsertChannel(input: $input) {
        channel {
          ...AdminChannelFormFields
        }
      }
    }
  `,
  [ChannelFormFields],
);

export const CoverageQuery = graphql(`
  query AdminCoverage($regionCode: String!, $locale: Locale!) {
    coverage(regionCode: $regionCode) {
      hallCount
      countyCount
      populationThreshold
      region {
        id
        name(locale: $locale)
      }
      byTier {
        value
        count
      }
      byOperation {
        value
        count
      }
      byArea {
        value
        count
      }
      countiesWithoutOpenHall {
        id
        code
        name(locale: $locale)
        population
      }
      countiesWithoutRosterChannel {
        id
        code
        name(locale: $locale)
        population
      }
    }
  }
`);

export { HallFormFields, ChannelFormFields };
