import { Button, Tag, Typography } from 'antd';
import type { ResultOf } from '../../graphql';
import { useI18n } from '../../app/i18n';
import { highlightHtml } from '../../lib/article-html';
import type { SearchArticlesQuery } from './documents';

type Search = NonNullable<ResultOf<typeof SearchArticlesQuery>['searchArticles']>;
type Card = NonNullable<Search['answerCard']>;

interface Props {
  card: Card;
  /** The top hit's highlighted title (the card is about the top hit). */
  title: string;
  onOpen: () => void;
}

/** The card's frame (plain elements and inline styles: the desk's first chunk stays as small as it was). */
const FRAME = {
  border: '1px solid #91caff',
  background: '#f0f7ff',
  borderRadius: 8,
  padding: '10px 14px',
  margin: '8px 0 12px',
} as const;

/**
 * The answer at a glance (答案卡片) above the hits when the top hit is a confident answer: its
 * summary, an error code's causes and steps, a complaint grade's deadlines counted from now.
 */
export function AnswerCard({ card, title, onOpen }: Props) {
  const { t } = useI18n();
  const latestBy = new Map(
    card.complaintDeadlines.map((deadline) => [deadline.grade, deadline.latestByLocal]),
  );
  const hours = (value: number) => t('desk.cardHours', { hours: value });
  return (
    <section
      className="answer-card"
      aria-label={t('desk.answerCard')}
      data-slug={card.article.slug}
      style={FRAME}
    >
      <div className="answer-card-head">
        <Typography.Text strong>{t('desk.answerCard')}</Typography.Text>
        {card.errorCode && (
          <Tag className="code-tag">{t('desk.errorCodeChip', { code: card.errorCode })}</Tag>
        )}
      </div>
      <div className="answer-card-title" dangerouslySetInnerHTML={{ __html: highlightHtml(title) }} />
      <Typography.Paragraph className="answer-card-summary">{card.summary}</Typography.Paragraph>
      {card.causes.length > 0 && (
        <div className="answer-card-causes">
          <Typography.Text strong>{t('desk.cardCauses')}</Typography.Text>
          <ul>
            {card.causes.map((cause) => (
              <li key={cause}>{cause}</li>
            ))}
          </ul>
        </div>
      )}
      {card.steps.length > 0 && (
        <div className="answer-card-steps">
          <Typography.Text strong>{t('desk.cardSteps')}</Typography.Text>
          <ol>
            {card.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </div>
      )}
      {card.complaintGrades.length > 0 && (
        <table className="answer-card-deadlines" style={{ width: '100%', margin: '6px 0' }}>
          <caption style={{ textAlign: 'left', fontWeight: 600 }}>{t('desk.cardDeadlines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('desk.cardGrade')}</th>
              <th scope="col">{t('desk.cardAverage')}</th>
              <th scope="col">{t('desk.cardLatest')}</th>
              <th scope="col">{t('desk.cardLatestBy')}</th>
            </tr>
          </thead>
          <tbody>
            {card.complaintGrades.map((grade) => (
              <tr key={grade.grade}>
                <td>{grade.name}</td>
                <td>{grade.immediate ? t('desk.cardImmediate') : hours(grade.averageAnswerHours)}</td>
                <td>{hours(grade.latestAnswerHours)}</td>
                <td>{latestBy.get(grade.grade)?.slice(0, 16).replace('T', ' ') ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Button type="link" className="answer-card-open" onClick={onOpen}>
        {t('desk.cardOpen')}
      </Button>
    </section>
  );
}
