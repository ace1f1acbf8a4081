import { Alert, Card, Descriptions, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useDraft } from '../../auth/drafts';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import type { VariablesOf } from '../../graphql';
import { useI18n } from '../../app/i18n';
import { formatDateTime, isoToShanghaiLocal, shanghaiLocalToIso, timeLeft } from '../../lib/time';

const PolicyQuery = graphql(`
  query ComplaintPolicy($locale: Locale!) {
    complaintPolicy {
      grade
      name(locale: $locale)
      immediate
      averageAnswerHours
      latestAnswerHours
    }
  }
`);

const DeadlineQuery = graphql(`
  query ComplaintDeadline($grade: ComplaintGrade!, $receivedAt: DateTime) {
    complaintDeadline(grade: $grade, receivedAt: $receivedAt) {
      grade
      receivedAt
      averageBy
      latestBy
    }
  }
`);

type Grade = VariablesOf<typeof DeadlineQuery>['grade'];

/** The time now, refreshed every half minute (so "time left" counts down while the panel is open). */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The complaint deadline helper: choose the grade and when the complaint was received (Beijing
 * time), see by when it must be answered on average and at the latest, and how long is left.
 */
export default function DeadlineHelper() {
  const { t, apiLocale, locale } = useI18n();
  const now = useNow();
  const [grade, setGrade] = useDraft<Grade>('deadline.grade', 'GENERAL');
  const [received, setReceived] = useDraft('deadline.received', isoToShanghaiLocal(new Date().toISOString()));
  const receivedAt = shanghaiLocalToIso(received);
  const [policy] = useQuery({ query: PolicyQuery, variables: { locale: apiLocale } });
  const [deadline] = useQuery({
    query: DeadlineQuery,
    variables: { grade, receivedAt: receivedAt ?? null },
    pause: receivedAt === undefined,
  });
  const rule = policy.data?.complaintPolicy.find((entry) => entry.grade === grade);
  const answer = deadline.data?.complaintDeadline;

  const line = (iso: string) => {
    const left = timeLeft(iso, now, locale);
    return (
      <>
        {formatDateTime(iso, locale)}{' '}
        <Typography.Text className={left.overdue ? 'deadline-overdue' : 'deadline-left'}>
          ({t(left.overdue ? 'deadline.overdue' : 'deadline.left', { time: left.text })})
        </Typography.Text>
      </>
    );
  };

  return (
    <Card size="small" title={t('deadline.title')} className="deadline">
      <Form layout="inline">
        <Form.Item label={t('deadline.grade')}>
          <Select<Grade>
            aria-label={t('deadline.grade')}
            // Until the policy's names load, show nothing rather than the raw value (PROVINCIAL).
            value={policy.data ? grade : undefined}
            loading={!policy.data}
            onChange={setGrade}
            style={{ minWidth: 140 }}
            options={(policy.data?.complaintPolicy ?? []).map((entry) => ({
              value: entry.grade,
              label: entry.name,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('deadline.receivedAt')} htmlFor="deadline-received">
          <Input
            id="deadline-received"
            type="datetime-local"
            value={received}
            onChange={(event) => setReceived(event.target.value)}
          />
        </Form.Item>
      </Form>
      {receivedAt === undefined && <Alert type="warning" showIcon title={t('deadline.badTime')} />}
      {answer && rule && (
        <Descriptions size="small" column={1} className="deadline-result">
          <Descriptions.Item label={t('deadline.average')}>
            {rule.immediate ? t('deadline.immediate') : line(answer.averageBy)}
          </Descriptions.Item>
          <Descriptions.Item label={t('deadline.latest')}>{line(answer.latestBy)}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
