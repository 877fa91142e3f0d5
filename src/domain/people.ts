/** R15: the roles the core knows; what each may do lives in ./permissions. */
export const roles = [
  'handler',
  'department_head',
  'leader',
  'liaison',
  'review_board',
  'custodian',
  'party_reader',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export type Locale = 'zh-CN' | 'en';

/** A handler or head whose scope is this reaches every department (the petition office). */
export const everyDepartment = '*';

export interface Department {
  id: string;
  nameZh: string;
  nameEn: string;
  slackChannel: string | null;
  larkChat: string | null;
  active: boolean;
}

export interface Person {
  id: number;
  orgKey: string;
  name: string;
  departmentId: string | null;
  locale: Locale | null;
  active: boolean;
  /** When the organisation file last dropped them (R27); null while they are in it. */
  leftAt: Date | null;
  createdAt: Date;
}

/** A role held in a scope: a department id for handlers, heads and leaders, a team for liaisons. */
export interface RoleAssignment {
  id: number;
  personId: number;
  role: Role;
  scope: string;
}

/** A chat platform the bot serves and delivers notices on. */
export type Platform = 'slack' | 'lark';

/** Something a platform may deliver again (a form submitted twice, a button clicked twice). */
export interface Delivery {
  source: Platform;
  key: string;
}

/**
 * What an identity names a person by: a Slack user, a Lark open_id or union_id, an e-mail address.
 * Not a chat platform (that is `Platform`, above): one Lark user has two of these.
 */
export type IdentityKind = 'slack' | 'lark_open_id' | 'lark_union_id' | 'email';

export interface Identity {
  id: number;
  personId: number;
  kind: IdentityKind;
  externalId: string;
}

/** Someone acting on the bot: the person and every role they hold. */
export interface Actor {
  person: Person;
  roles: RoleAssignment[];
}

/**
 * The bot itself, taking the steps the rules take on their own (R14, R16, R23): it is no person
 * and holds no role; what it may do is listed in ./permissions, and its events name no one.
 */
export interface Bot {
  readonly kind: 'bot';
}

export const theBot: Bot = { kind: 'bot' };

/** Who takes a step: a person acting on the bot, or the bot. */
export type StepActor = Actor | Bot;

export function isBot(actor: StepActor): actor is Bot {
  return 'kind' in actor && actor.kind === 'bot';
}

export function holds(actor: Actor, role: Role, scope?: string): boolean {
  return actor.roles.some(
    (r) =>
      r.role === role && (scope === undefined || r.scope === scope || r.scope === everyDepartment),
  );
}

export function scopesOf(actor: Actor, role: Role): string[] {
  return actor.roles.filter((r) => r.role === role).map((r) => r.scope);
}
