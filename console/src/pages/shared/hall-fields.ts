import { graphql } from '../../graphql';

// A hall as the finder and where-can-I list it, with its state and hours at the instant `$at` (the page's clock,
// moving on each minute): the operation that spreads it declares `$at`. About 57 cost points a
// hall (see README "Limits"): a region page asks for 60 halls, within the 5,000-point budget.
export const HallFields = graphql(`
  fragment HallCard on Hall {
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
        date
        time
        daysAhead
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
