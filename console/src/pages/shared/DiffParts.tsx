import type { DiffPart } from './text-diff';
import './diff.css';

/**
 * A character/word diff as text: deletions in <del>, insertions in <ins> (both highlighted), or one
 * side of it (`before`: the old text with what went marked; `after`: the new with what came marked).
 */
export function DiffParts({
  parts,
  show,
}: {
  parts: readonly DiffPart[];
  show: 'both' | 'before' | 'after';
}) {
  return (
    <>
      {parts.map((part, index) => {
        if (part.kind === 'equal') return <span key={index}>{part.text}</span>;
        if (part.kind === 'delete')
          return show === 'after' ? null : (
            <del key={index} className="diff-delete">
              {part.text}
            </del>
          );
        return show === 'before' ? null : (
          <ins key={index} className="diff-insert">
            {part.text}
          </ins>
        );
      })}
    </>
  );
}
