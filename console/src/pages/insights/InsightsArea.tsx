import { Typography } from 'antd';
import type { AreaProps } from '../workspace/Workspace';

/** Placeholder until the area is built: names the page asked for. */
export default function InsightsArea({ pathname }: AreaProps) {
  return <Typography.Title level={2}>{pathname}</Typography.Title>;
}
