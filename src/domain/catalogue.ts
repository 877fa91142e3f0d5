/** R9: the kinds of time limit a category is handled in (simple enquiry, complex rights, major). */
export const limitKinds = ['simple', 'complex', 'major'] as const;
export type LimitKind = (typeof limitKinds)[number];

/** R3: a category of the taxonomy; sub-categories inherit routing from their parent. */
export interface Category {
  id: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  leadDepartmentId: string | null;
  limitKind: LimitKind | null;
  sortOrder: number;
  active: boolean;
}

export interface CategoryCoDepartment {
  categoryId: string;
  departmentId: string;
}

/** R17: how likely a policy is to set off petitions, as the department head assesses it. */
export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

/**
 * R17: a major policy (pay reform, post adjustment) registered by its department's head with
 * its risks before it takes effect, and signed off by a leader in charge.
 */
export interface Policy {
  id: number;
  departmentId: string;
  title: string;
  /** Who the policy touches (信访风险评估: 涉及群体) and how many people. */
  affectedGroups: string;
  headCount: number;
  riskPoints: string;
  riskLevel: RiskLevel;
  mitigation: string;
  effectiveOn: string;
  registeredBy: number;
  registeredAt: Date;
  signedOffBy: number | null;
  signedOffAt: Date | null;
}
