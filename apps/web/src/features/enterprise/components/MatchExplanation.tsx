import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { readableExplanation, type ExplainedDemand, type ExplainedMatch } from '../explanation';

/** Why a match was proposed, in sentences: the demand's words found (and where), the factors, the words missing. */
export function MatchExplanation({ match, demand }: { match: ExplainedMatch; demand: ExplainedDemand }) {
  const { t, i18n } = useTranslation();
  const readable = readableExplanation(match, demand, i18n.language);
  const list = (items: string[]) => items.join(t('enterprise.explanation.separator'));
  // Words found in the same fields read as one line: "在简介中：疫苗 生鲜 超温".
  const groups: Array<{ fields: string[]; terms: typeof readable.terms }> = [];
  for (const term of readable.terms) {
    const group = groups.find((candidate) => candidate.fields.join(',') === term.fields.join(','));
    if (group) group.terms.push(term);
    else groups.push({ fields: term.fields, terms: [term] });
  }
  return (
    <div className="match-explanation">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {t('enterprise.explanation.coverage', { percent: readable.coveragePercent })}
      </Typography.Paragraph>
      {groups.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('enterprise.explanation.matchedWords')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {groups.map((group) => (
              <li key={group.fields.join(',')}>
                {group.fields.length > 0
                  ? t('enterprise.explanation.inFields', {
                      fields: list(group.fields.map((field) => t(`enterprise.explanation.fields.${field}`))),
                    })
                  : t('enterprise.explanation.elsewhere')}
                {group.terms.map((term) => (
                  <span key={term.term} style={{ display: 'inline-block', marginInlineStart: 4 }}>
                    <Tag color={TAG_COLOURS.mode} style={{ marginInlineEnd: 0 }}>
                      {term.term}
                    </Tag>
                    {term.via && t('enterprise.explanation.via', { via: term.via })}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {readable.factors.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('enterprise.explanation.factorsTitle')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {readable.factors.map((factor, index) => (
              <li key={`${factor.key}-${index}`}>
                <Space size={4}>
                  {factor.raises ? (
                    <ArrowUpOutlined aria-label={t('enterprise.explanation.raises')} style={{ color: '#237804' }} />
                  ) : (
                    <ArrowDownOutlined aria-label={t('enterprise.explanation.lowers')} style={{ color: '#a8071a' }} />
                  )}
                  <span>
                    {t(`enterprise.explanation.factors.${factor.key}`, {
                      ...factor.values,
                      modes: list((factor.modes ?? []).map((mode) => t(`transferModes.${mode}`))),
                    })}
                  </span>
                </Space>
              </li>
            ))}
          </ul>
        </div>
      )}
      {readable.missing.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('enterprise.explanation.missing', { words: list(readable.missing) })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
