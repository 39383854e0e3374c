import type { ReactNode } from 'react';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { Button, Card, Checkbox, Col, List, Pagination, Row, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatRange, formatWan, industryName } from '../../../shared/lib/format';
import { SearchBox } from '../../../shared/ui/SearchBox';
import { ListStates } from '../../../shared/ui/states';
import { pickHighlight } from '../components/Highlighted';
import { DemandKindTag } from '../../../shared/ui/DemandKindTag';
import { IndustriesQuery, SearchAchievementsQuery, SearchDemandsQuery, SearchExpertsQuery } from '../operations';
import {
  FACETS_BY_KIND,
  KINDS,
  PAGE_SIZE,
  parseSearchParams,
  SORTS_BY_KIND,
  toFilterInput,
  toggleFacet,
  toSearchParams,
  type FacetName,
  type SearchKindKey,
  type SearchState,
} from '../search-state';

const KIND_LABEL: Record<SearchKindKey, string> = { achievements: 'ACHIEVEMENT', experts: 'EXPERT', demands: 'DEMAND' };

interface SearchFacet {
  name: string;
  values: readonly { value: string; count: number }[];
}

interface ResultItem {
  id: string;
  href: string;
  title: ReactNode;
  body: ReactNode;
  tags: ReactNode;
  meta: ReactNode;
}

function useSearchResults(state: SearchState) {
  const { t, i18n } = useTranslation();
  const variables = {
    query: state.query || null,
    page: state.page,
    pageSize: PAGE_SIZE,
    filter: toFilterInput(state),
    facets: [...FACETS_BY_KIND[state.kind]],
    sort: state.sort,
  };
  const achievements = useQuery(SearchAchievementsQuery, { variables, skip: state.kind !== 'achievements' });
  const experts = useQuery(SearchExpertsQuery, { variables, skip: state.kind !== 'experts' });
  const demands = useQuery(SearchDemandsQuery, { variables, skip: state.kind !== 'demands' });
  const lang = i18n.language;

  if (state.kind === 'experts') {
    // The previous page stays on screen while the next loads (no flash of emptiness).
    const result = (experts.data ?? experts.previousData)?.searchExperts;
    return {
      ...experts,
      total: result?.totalHits ?? 0,
      facets: result?.facets ?? [],
      items: (result?.hits ?? []).map(({ node, highlights }): ResultItem => ({
        id: node.id,
        href: `/experts/${node.id}`,
        title: pickHighlight(highlights, 'name', node.name),
        body: pickHighlight(highlights, 'bio', node.bio),
        tags: node.researchFields.slice(0, 4).map((field) => <Tag key={field}>{field}</Tag>),
        meta: [node.title, node.institution.name, node.region].filter(Boolean).join(' · '),
      })),
    };
  }
  if (state.kind === 'demands') {
    // The previous page stays on screen while the next loads (no flash of emptiness).
    const result = (demands.data ?? demands.previousData)?.searchDemands;
    return {
      ...demands,
      total: result?.totalHits ?? 0,
      facets: result?.facets ?? [],
      items: (result?.hits ?? []).map(({ node, highlights }): ResultItem => ({
        id: node.id,
        href: `/demands/${node.id}`,
        title: pickHighlight(highlights, 'title', node.title),
        body: pickHighlight(highlights, 'summary', node.summary),
        tags: [
          <DemandKindTag key="kind" kind={node.kind} />,
          <Tag color="blue" key="industry">
            {industryName(lang, node.industry)}
          </Tag>,
          ...node.cooperationModes.map((mode) => <Tag key={mode}>{t(`cooperationModes.${mode}`)}</Tag>),
        ],
        meta: [
          node.organisation?.name ?? t('search.anonymous'),
          node.region,
          `${t('search.budget')} ${formatRange(t, node.budgetMinWan, node.budgetMaxWan)}`,
          node.deadline ? `${t('search.deadline')} ${formatDate(node.deadline, lang)}` : null,
        ]
          .filter(Boolean)
          .join(' · '),
      })),
    };
  }
  // The previous page stays on screen while the next loads (no flash of emptiness).
  const result = (achievements.data ?? achievements.previousData)?.searchAchievements;
  return {
    ...achievements,
    total: result?.totalHits ?? 0,
    facets: result?.facets ?? [],
    items: (result?.hits ?? []).map(({ node, highlights }): ResultItem => ({
      id: node.id,
      href: `/achievements/${node.id}`,
      title: pickHighlight(highlights, 'title', node.title),
      body: pickHighlight(highlights, 'summary', node.summary),
      tags: [
        node.industry ? (
          <Tag color="blue" key="industry">
            {industryName(lang, node.industry)}
          </Tag>
        ) : null,
        node.trl != null ? <Tag key="trl">{t('search.trl', { value: node.trl })}</Tag> : null,
        ...node.transferModes.map((mode) => (
          <Tag color={TAG_COLOURS.mode} key={mode}>
            {t(`transferModes.${mode}`)}
          </Tag>
        )),
      ],
      meta: [node.institution?.name, node.region, `${t('search.price')} ${formatWan(t, node.askingPriceWan)}`]
        .filter(Boolean)
        .join(' · '),
    })),
  };
}

function FacetPanel({
  state,
  facets,
  onToggle,
  onClear,
}: {
  state: SearchState;
  facets: readonly SearchFacet[];
  onToggle: (facet: FacetName, value: string) => void;
  onClear: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { data: industries } = useQuery(IndustriesQuery);
  const label = (facet: FacetName, value: string): string => {
    switch (facet) {
      case 'industry':
        return (
          industryName(
            i18n.language,
            industries?.industries.find((industry) => industry.code === value),
          ) || value
        );
      case 'transferMode':
        return t(`transferModes.${value}`, { defaultValue: value });
      case 'ipType':
        return t(`ipTypes.${value}`, { defaultValue: value });
      case 'language':
        return t(`languageNames.${value}`, { defaultValue: value });
      case 'region':
        return value;
      case 'demandKind':
        return t(`scenario.kinds.${value}`, { defaultValue: value });
    }
  };
  const hasFilters = Object.values(state.filters).some((values) => values && values.length > 0);
  return (
    <aside aria-label={t('search.filters')}>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
        <Typography.Text strong>{t('search.filters')}</Typography.Text>
        {hasFilters && (
          <Button size="small" type="link" onClick={onClear}>
            {t('search.clearFilters')}
          </Button>
        )}
      </Space>
      {FACETS_BY_KIND[state.kind].map((facet) => {
        const values = facets.find((f) => f.name === facet)?.values ?? [];
        const selected = state.filters[facet] ?? [];
        // Selected values stay visible even when the current results have none of them.
        const shown = [
          ...values,
          ...selected.filter((v) => !values.some((x) => x.value === v)).map((value) => ({ value, count: 0 })),
        ];
        if (shown.length === 0) return null;
        return (
          <Card key={facet} size="small" title={t(`search.facets.${facet}`)} style={{ marginBottom: 12 }}>
            <Space orientation="vertical" size={4}>
              {shown.slice(0, 12).map(({ value, count }) => (
                <Checkbox key={value} checked={selected.includes(value)} onChange={() => onToggle(facet, value)}>
                  {label(facet, value)} <Typography.Text type="secondary">({count})</Typography.Text>
                </Checkbox>
              ))}
            </Space>
          </Card>
        );
      })}
    </aside>
  );
}

export default function SearchHallPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = parseSearchParams(params);
  const go = (next: SearchState) => setParams(toSearchParams(next));
  const results = useSearchResults(state);

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('search.title')}
      </Typography.Title>
      <div style={{ marginBottom: 12 }}>
        <SearchBox
          label={t('search.searchLabel')}
          placeholder={t('landing.searchPlaceholder')}
          buttonText={t('landing.searchButton')}
          initialValue={state.query}
          onSearch={(query) => go({ ...state, query, page: 1 })}
          // Typing searches too; the URL follows without a history entry per keystroke.
          onType={(query) => setParams(toSearchParams({ ...state, query, page: 1 }), { replace: true })}
        />
      </div>
      <Tabs
        activeKey={state.kind}
        onChange={(kind) =>
          go({ kind: kind as SearchKindKey, query: state.query, page: 1, sort: 'RELEVANCE', filters: {} })
        }
        items={KINDS.map((kind) => ({ key: kind, label: t(`search.kinds.${KIND_LABEL[kind]}`) }))}
      />
      <Row gutter={24}>
        <Col xs={24} md={6}>
          <FacetPanel
            state={state}
            facets={results.facets}
            onToggle={(facet, value) => go(toggleFacet(state, facet, value))}
            onClear={() => go({ ...state, page: 1, filters: {} })}
          />
        </Col>
        <Col xs={24} md={18}>
          <section aria-label={t('search.resultsLabel')}>
            <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
              <Typography.Text
                role="status"
                data-testid="result-count"
                // Which query the results on screen answer (the benchmark waits for it).
                data-query={results.loading ? undefined : state.query}
              >
                {results.loading ? t('common.loading') : t('search.resultCount', { count: results.total })}
              </Typography.Text>
              <Select
                aria-label={t('search.sort')}
                size="small"
                value={state.sort}
                style={{ minWidth: 150 }}
                onChange={(sort) => go({ ...state, sort, page: 1 })}
                options={SORTS_BY_KIND[state.kind].map((sort) => ({ value: sort, label: t(`search.sorts.${sort}`) }))}
              />
            </Space>
            <ListStates
              loading={results.loading}
              error={results.error}
              empty={results.items.length === 0}
              emptyText={t('search.noResults')}
              onRetry={() => void results.refetch()}
            >
              <List
                itemLayout="vertical"
                dataSource={results.items}
                renderItem={(item) => (
                  <List.Item
                    key={item.id}
                    style={{ background: '#fff', padding: 16, marginBottom: 12, borderRadius: 8 }}
                  >
                    <Typography.Title level={2} style={{ fontSize: 17, margin: '0 0 6px' }}>
                      <Link to={item.href}>{item.title}</Link>
                    </Typography.Title>
                    <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 8 }}>
                      {item.body}
                    </Typography.Paragraph>
                    <div style={{ marginBottom: 4 }}>{item.tags}</div>
                    <Typography.Text type="secondary">{item.meta}</Typography.Text>
                  </List.Item>
                )}
              />
              <Pagination
                current={state.page}
                pageSize={PAGE_SIZE}
                total={Math.min(results.total, PAGE_SIZE * 100)}
                showSizeChanger={false}
                onChange={(page) => {
                  go({ ...state, page });
                  window.scrollTo(0, 0);
                }}
                style={{ textAlign: 'center', marginTop: 8 }}
              />
            </ListStates>
          </section>
        </Col>
      </Row>
    </div>
  );
}
