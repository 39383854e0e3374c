import type { MatchDeclineReason } from '../../gql/graphql';

/**
 * The enterprise's reasons to turn a match down, in the order of the product's list (阶段过早, 优势不明确,
 * 商业化路径不清, 描述不清, 不在业务范围, 预算不匹配, 已有方案, 其他): values of the API's MatchDeclineReason.
 */
export const ENTERPRISE_DECLINE_REASONS: MatchDeclineReason[] = [
  'NOT_MATURE_ENOUGH',
  'UNCLEAR_BENEFIT',
  'NO_COMMERCIAL_ROUTE',
  'UNCLEAR_DESCRIPTION',
  'NOT_RELEVANT',
  'TOO_EXPENSIVE',
  'EXISTING_SOLUTION',
  'OTHER',
];
