import { useEffect, useState } from 'react';
import { Card, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { loadLanguage } from '../../../app/i18n';
import { formatDate, formatRelevance } from '../../../shared/lib/format';
import { ListStates } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { explainMatch, uiLanguageOf } from '../match-explanation';
import { AchievementMatchesQuery } from '../operations';

const STATUS_COLOURS: Record<string, string> = {
  SUGGESTED: 'default',
  VIEWED: 'blue',
  INTERESTED: TAG_COLOURS.mode,
  DECLINED: TAG_COLOURS.danger,
  DISMISSED: 'default',
  CLOSED: 'default',
};

/**
 * 匹配与意向: the demands this achievement fits, best first, with the enterprise's interest and the reasons in the
 * achievement's own language (the team reads them as the enterprise's side would).
 */
export function AchievementMatches({ achievementId, language }: { achievementId: string; language: string }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(AchievementMatchesQuery, {
    variables: { targetId: achievementId },
    fetchPolicy: 'cache-and-network',
  });
  // The reasons are in the achievement's language, whose messages may not be loaded yet (English loads on demand).
  const reasonsLanguage = uiLanguageOf(language);
  const [, setLoaded] = useState(0);
  useEffect(() => {
    if (!i18n.hasResourceBundle(reasonsLanguage, 'translation')) {
      void loadLanguage(reasonsLanguage).then(() => setLoaded((n) => n + 1));
    }
  }, [i18n, reasonsLanguage]);
  const inLanguage = i18n.getFixedT(reasonsLanguage);
  const matches = data?.targetMatches.nodes ?? [];
  const interested = matches.filter((match) => match.status === 'INTERESTED').length;
  return (
    <Card
      title={t('researcher.matches.title')}
      extra={data ? t('researcher.matches.counts', { total: data.targetMatches.totalCount, interested }) : undefined}
      style={{ marginBottom: 16 }}
    >
      <ListStates
        loading={loading}
        error={error}
        empty={matches.length === 0}
        emptyText={t('researcher.matches.empty')}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={matches}
          renderItem={(match) => {
            const { raised, lowered } = explainMatch(match.explanation, inLanguage);
            return (
              <List.Item key={match.id}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {match.demand ? (
                        <Link to={`/demands/${match.demand.id}`}>{match.demand.title}</Link>
                      ) : (
                        <span>{t('researcher.matches.hiddenDemand')}</span>
                      )}
                      <Tag color={STATUS_COLOURS[match.status]}>{t(`researcher.matches.status.${match.status}`)}</Tag>
                      <Tooltip title={t('researcher.matches.scoreHint')}>
                        <Tag>{t('researcher.matches.score', { score: formatRelevance(match.score) })}</Tag>
                      </Tooltip>
                    </Space>
                  }
                  description={
                    <div lang={uiLanguageOf(language)}>
                      <Typography.Text type="secondary">
                        {match.demand?.organisation?.name ?? t('researcher.matches.anonymous')} ·{' '}
                        {formatDate(match.updatedAt, i18n.language)}
                      </Typography.Text>
                      {raised.length > 0 && (
                        <ul
                          aria-label={t('researcher.matches.raised')}
                          style={{ margin: '4px 0', paddingInlineStart: 20 }}
                        >
                          {raised.map((reason) => (
                            <li key={reason}>{reason}</li>
                          ))}
                        </ul>
                      )}
                      {lowered.length > 0 && (
                        <ul
                          aria-label={t('researcher.matches.lowered')}
                          style={{ margin: '4px 0', paddingInlineStart: 20, color: '#8c4a00' }}
                        >
                          {lowered.map((reason) => (
                            <li key={reason}>{reason}</li>
                          ))}
                        </ul>
                      )}
                    </div>
                  }
                />
              </List.Item>
            );
          }}
        />
      </ListStates>
    </Card>
  );
}
