/**
 * An organisation set names the organisations one import creates or reuses: every institution or enterprise a
 * catalogue names becomes an organisation keyed `<set>:<name>`, so importing the same folder again finds them.
 */

/** The kinds this lib creates; the values are those of identity's OrganisationKind. */
export type ImportedOrganisationKind = 'UNIVERSITY' | 'RESEARCH_INSTITUTE' | 'ENTERPRISE';

export interface OrganisationSpec {
  externalKey: string;
  name: string;
  kind: ImportedOrganisationKind;
}

const SET_NAME = /^[^\s:][^:]{0,63}$/u;

/** A set name is 1–64 characters, no colon (it separates the set from the name in keys) and no leading space. */
export function organisationSetProblem(name: string): string | null {
  return SET_NAME.test(name) && name.trim() === name
    ? null
    : `the organisation set must be 1-64 characters without ":" or surrounding spaces, got ${JSON.stringify(name)}`;
}

/**
 * RESEARCH_INSTITUTE when the name says so (研究所, 研究院, 研究中心, or an English "Institute"), else UNIVERSITY.
 * English names such as "X Institute of Technology" or "Institute of Aeronautical Engineering" are how Chinese
 * universities and colleges (理工大学, 工程学院) translate themselves, so "Institute" followed by "of Technology /
 * Engineering / Science and Technology" stays a UNIVERSITY.
 */
export function institutionKind(name: string): ImportedOrganisationKind {
  if (/研究所|研究院|研究中心|科学院/u.test(name)) return 'RESEARCH_INSTITUTE';
  if (/\binstitute\b/i.test(name) && !/\binstitute of ([\w\s]+ )?(technology|engineering)\b/i.test(name)) {
    return 'RESEARCH_INSTITUTE';
  }
  if (/\bacademy of sciences\b|\bresearch (institute|center|centre)\b/i.test(name)) return 'RESEARCH_INSTITUTE';
  return 'UNIVERSITY';
}

/** Names are compared after NFKC and whitespace folding, so "申江大学 " and "申江大学" are one organisation. */
export function normaliseOrganisationName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** The institution an achievement or expert belongs to; records naming none go to the set's default institution. */
export function institutionSpec(set: string, institution: string | null): OrganisationSpec {
  if (institution === null) {
    return { externalKey: `${set}:institution`, name: `${set} (imported institution)`, kind: 'UNIVERSITY' };
  }
  const name = normaliseOrganisationName(institution);
  return { externalKey: `${set}:${name}`, name, kind: institutionKind(name) };
}

/** The enterprise posting a demand; demands naming none go to the set's default enterprise `<set>:enterprise`. */
export function enterpriseSpec(set: string, enterprise: string | null): OrganisationSpec {
  if (enterprise === null) {
    return { externalKey: `${set}:enterprise`, name: `${set} (imported enterprise)`, kind: 'ENTERPRISE' };
  }
  const name = normaliseOrganisationName(enterprise);
  return { externalKey: `${set}:${name}`, name, kind: 'ENTERPRISE' };
}
