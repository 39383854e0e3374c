/** Where an achievement stands in 先确权、后转化 (confirm rights first, then transfer). */
export enum AchievementStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  DEPARTMENT_REVIEW = 'DEPARTMENT_REVIEW',
  TTO_REVIEW = 'TTO_REVIEW',
  PUBLIC_NOTICE = 'PUBLIC_NOTICE',
  APPROVED = 'APPROVED',
  AGREEMENT_SIGNED = 'AGREEMENT_SIGNED',
  RIGHTS_CONFIRMED = 'RIGHTS_CONFIRMED',
  LISTED = 'LISTED',
  IN_NEGOTIATION = 'IN_NEGOTIATION',
  TRANSFERRED = 'TRANSFERRED',
  WITHDRAWN = 'WITHDRAWN',
  STALE = 'STALE',
}

/** Kinds of intellectual property (the Chinese terms are the ones catalogues use). */
export enum IpType {
  INVENTION_PATENT = 'INVENTION_PATENT',
  UTILITY_MODEL = 'UTILITY_MODEL',
  DESIGN_PATENT = 'DESIGN_PATENT',
  SOFTWARE_COPYRIGHT = 'SOFTWARE_COPYRIGHT',
  IC_LAYOUT_DESIGN = 'IC_LAYOUT_DESIGN',
  PLANT_VARIETY = 'PLANT_VARIETY',
  TRADE_SECRET = 'TRADE_SECRET',
}

export const IP_TYPE_BY_CHINESE: Readonly<Record<string, IpType>> = {
  发明专利: IpType.INVENTION_PATENT,
  实用新型: IpType.UTILITY_MODEL,
  实用新型专利: IpType.UTILITY_MODEL,
  外观设计: IpType.DESIGN_PATENT,
  外观设计专利: IpType.DESIGN_PATENT,
  软件著作权: IpType.SOFTWARE_COPYRIGHT,
  集成电路布图设计: IpType.IC_LAYOUT_DESIGN,
  植物新品种: IpType.PLANT_VARIETY,
  技术秘密: IpType.TRADE_SECRET,
};

/** How the institution accepts to transfer the achievement. */
export enum TransferMode {
  ASSIGNMENT = 'ASSIGNMENT',
  LICENSE = 'LICENSE',
  EQUITY_INVESTMENT = 'EQUITY_INVESTMENT',
  JOINT_DEVELOPMENT = 'JOINT_DEVELOPMENT',
  TECHNICAL_SERVICE = 'TECHNICAL_SERVICE',
}

export const TRANSFER_MODE_BY_CHINESE: Readonly<Record<string, TransferMode>> = {
  转让: TransferMode.ASSIGNMENT,
  许可: TransferMode.LICENSE,
  作价入股: TransferMode.EQUITY_INVESTMENT,
  合作开发: TransferMode.JOINT_DEVELOPMENT,
  技术服务: TransferMode.TECHNICAL_SERVICE,
};

export enum AchievementLanguage {
  zh = 'zh',
  en = 'en',
}

/** What the inventor team asks for: a share of ownership, or a long-term right to use (长期使用权). */
export enum RightsProposalKind {
  TEAM_SHARE = 'TEAM_SHARE',
  USE_RIGHT = 'USE_RIGHT',
}
