import { Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatWan } from '../logic';
import type { RewardRuleVersionPartsFragment } from '../operations';

/** One version of the reward rules, as the bureau and applicants read it. */
export function RuleVersionCard({ rule }: { rule: RewardRuleVersionPartsFragment }) {
  const { t } = useTranslation();
  const wan = (value: number | null | undefined) =>
    value === null || value === undefined
      ? t('programmes.rules.noCap')
      : t('programmes.wan', { value: formatWan(value) });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <span>
          <Tag color="blue">{t('programmes.rules.version', { version: rule.version })}</Tag>
          {rule.name}
        </span>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('programmes.rules.effective')}>
          {rule.effectiveFrom} – {rule.effectiveTo ?? t('programmes.rules.openEnded')}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.rules.share')}>
          {t('programmes.rules.sharePercent', { value: rule.terms.sharePercent })}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.rules.qualifications')} span={2}>
          {rule.terms.qualifications.map((q) => t(`programmes.qualification.${q}`)).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.rules.districtRegions')}>
          {rule.terms.districtRegions.join('、') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.rules.contractTypes')}>
          {rule.terms.contractTypes.join('、') || t('programmes.rules.anyType')}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.rules.minIncome')}>
          {t('programmes.wan', { value: formatWan(rule.terms.minTechnicalIncomeWan) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.rules.capPerItem')}>{wan(rule.terms.capPerItemWan)}</Descriptions.Item>
        <Descriptions.Item label={t('programmes.rules.capPerYear')}>{wan(rule.terms.capPerYearWan)}</Descriptions.Item>
        <Descriptions.Item label={t('programmes.rules.requiredEvidence')} span={2}>
          {rule.terms.requiredEvidence.join('、') || '—'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
