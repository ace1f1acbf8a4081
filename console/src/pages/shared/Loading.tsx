import { Spin } from 'antd';
import { useI18n } from '../../app/i18n';

/**
 * A loading indicator that screen readers announce: a status region whose text is the label (加载中
 * by default). Ant Design's spinner is a plain element, on which an `aria-label` is not allowed
 * (axe: aria-prohibited-attr, serious), so the name lives in hidden text beside it.
 */
export function Loading({ label, className }: { label?: string; className?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" className={className ?? 'loading'}>
      <Spin />
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
    </div>
  );
}
