import { Col, Row, Tag } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { industryName } from '../../../shared/lib/format';
import { SearchBox } from '../../../shared/ui/SearchBox';
import { ErrorState, ListStates } from '../../../shared/ui/states';
import { LandingFiguresQuery } from '../operations';

const HOT_WORDS = ['无人机', '知识图谱', '视觉检测', 'maintenance'];

/**
 * The signed-out front door. Plain elements rather than antd's Card and Typography: those bring tabs, menus
 * and tooltips into the first bundle, and this page must stay small.
 */
export function LandingPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(LandingFiguresQuery);
  const search = (query: string) =>
    void navigate(query.trim() ? `/search?q=${encodeURIComponent(query.trim())}` : '/search');
  const figures = [
    { key: 'listedAchievements', value: data?.latest.totalHits, to: '/search' },
    { key: 'experts', value: data?.experts.totalHits, to: '/search?kind=experts' },
    { key: 'openDemands', value: data?.demands.totalHits, to: '/search?kind=demands' },
    { key: 'notices', value: data?.notices.totalCount, to: '/notices' },
  ];
  return (
    <div>
      <section className="hero">
        <h1>{t('app.name')}</h1>
        <p className="hero-tagline">{t('app.tagline')}</p>
        <div style={{ maxWidth: 720 }}>
          <SearchBox
            label={t('search.searchLabel')}
            placeholder={t('landing.searchPlaceholder')}
            buttonText={t('landing.searchButton')}
            onSearch={search}
          />
        </div>
        <div style={{ marginTop: 12 }}>
          <span style={{ marginRight: 8 }}>{t('landing.hotWords')}:</span>
          {HOT_WORDS.map((word) => (
            <Link key={word} to={`/search?q=${encodeURIComponent(word)}`} className="hero-link">
              {word}
            </Link>
          ))}
        </div>
      </section>

      <h2 className="section-title">{t('landing.figures')}</h2>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {figures.map((figure) => (
            <Col xs={12} md={6} key={figure.key}>
              <Link to={figure.to} className="tile figure">
                {t(`landing.${figure.key}`)}
                <strong>{loading ? '…' : (figure.value ?? '–')}</strong>
              </Link>
            </Col>
          ))}
        </Row>
      )}

      <h2 className="section-title">
        {t('landing.latest')}{' '}
        <Link to="/search?sort=NEWEST" style={{ fontSize: 14, fontWeight: 400 }}>
          {t('landing.viewAll')}
        </Link>
      </h2>
      <ListStates loading={loading} error={undefined} empty={(data?.latest.hits.length ?? 0) === 0}>
        <Row gutter={[16, 16]}>
          {(data?.latest.hits ?? []).map(({ node }) => (
            <Col xs={24} md={12} lg={8} key={node.id}>
              <article className="tile" style={{ height: '100%' }}>
                <h3 className="tile-title">
                  <Link to={`/achievements/${node.id}`}>{node.title}</Link>
                </h3>
                <p className="clamp-3" style={{ marginTop: 0, marginBottom: 8 }}>
                  {node.summary}
                </p>
                {node.industry && <Tag color="blue">{industryName(i18n.language, node.industry)}</Tag>}
                {node.trl != null && <Tag>{t('search.trl', { value: node.trl })}</Tag>}
                <span className="secondary">{node.institution?.name}</span>
              </article>
            </Col>
          ))}
        </Row>
      </ListStates>
    </div>
  );
}
