import './insights.css';
import type { AreaProps } from '../workspace/Workspace';
import InsightsPage from './InsightsPage';
import SynonymsPage from './SynonymsPage';

/** The insights area: search insights (/work/insights) and the synonym manager (/work/synonyms), for editors. */
export default function InsightsArea({ pathname, search }: AreaProps) {
  return pathname.startsWith('/work/synonyms') ? (
    <SynonymsPage search={search} />
  ) : (
    <InsightsPage search={search} />
  );
}
