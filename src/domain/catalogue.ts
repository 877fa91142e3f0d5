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

/** R17: a major policy registered with its risks before it takes effect. */
export interface Policy {
  id: number;
  departmentId: string;
  title: string;
  riskPoints: string;
  mitigation: string;
  registeredBy: number;
  registeredAt: Date;
}
