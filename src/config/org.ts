import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError } from './config-error';
import type { LimitKind } from '../domain/catalogue';
import { orgSchema, type OrgFile, type Text } from './org-schema';

/** A category with routing resolved: sub-categories inherit lead, co-departments and limit. */
export interface CategoryRule {
  id: string;
  parentId: string | null;
  name: Text;
  lead: string;
  co: string[];
  limit: LimitKind;
}

export interface Organisation extends OrgFile {
  /** Every selectable (leaf) category with its routing; top-level ones are groups only. */
  rules: CategoryRule[];
  source: string;
}

type Path = (string | number)[];

function pathText(path: Path): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

function lineOf(doc: Document, lines: LineCounter, path: Path): string {
  for (let end = path.length; end >= 0; end--) {
    const node = doc.getIn(path.slice(0, end), true) as { range?: [number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      return ` (line ${lines.linePos(node.range[0]).line})`;
    }
  }
  return '';
}

/** Cross references the schema cannot see: ids that must exist and ids that must be unique. */
function crossCheck(org: OrgFile): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const departments = new Set(org.departments.map((d) => d.id));
  const known = (path: Path, id: string, allowAll = false) => {
    if (!departments.has(id) && !(allowAll && id === '*')) {
      problems.push({ path, message: `unknown department "${id}"` });
    }
  };
  const unique = (
    path: Path,
    seen: Map<string, string>,
    value: string | undefined,
    what: string,
  ) => {
    if (value === undefined) return;
    const first = seen.get(value);
    if (first) problems.push({ path, message: `${what} "${value}" is already used at ${first}` });
    else seen.set(value, pathText(path));
  };
  const depIds = new Map<string, string>();
  org.departments.forEach((d, i) => unique(['departments', i, 'id'], depIds, d.id, 'id'));
  const personIds = new Map<string, string>();
  const slackIds = new Map<string, string>();
  const larkIds = new Map<string, string>();
  const emails = new Map<string, string>();
  org.people.forEach((p, i) => {
    unique(['people', i, 'id'], personIds, p.id, 'id');
    unique(['people', i, 'slack'], slackIds, p.slack, 'Slack id');
    unique(['people', i, 'lark', 'openId'], larkIds, p.lark?.openId, 'Lark open_id');
    unique(['people', i, 'email'], emails, p.email?.toLowerCase(), 'e-mail');
    known(['people', i, 'department'], p.department);
    p.roles.forEach((r, j) => {
      if ('departments' in r && r.departments) {
        r.departments.forEach((d, k) =>
          known(['people', i, 'roles', j, 'departments', k], d, r.role !== 'leader'),
        );
      }
    });
  });
  const categoryIds = new Map<string, string>();
  org.categories.forEach((c, i) => {
    unique(['categories', i, 'id'], categoryIds, c.id, 'id');
    if (c.lead) known(['categories', i, 'lead'], c.lead);
    c.co?.forEach((d, k) => known(['categories', i, 'co', k], d));
    c.children.forEach((s, j) => {
      unique(['categories', i, 'children', j, 'id'], categoryIds, s.id, 'id');
      if (s.lead) known(['categories', i, 'children', j, 'lead'], s.lead);
      else if (!c.lead) {
        problems.push({
          path: ['categories', i, 'children', j],
          message: 'needs a lead department (here or on its parent category)',
        });
      }
      s.co?.forEach((d, k) => known(['categories', i, 'children', j, 'co', k], d));
    });
  });
  const situationIds = new Map<string, string>();
  org.declineSituations.forEach((s, i) =>
    unique(['declineSituations', i, 'id'], situationIds, s.id, 'id'),
  );
  // R31: a year's official days are that year's; a date of another year is a typing mistake.
  for (const [year, days] of Object.entries(org.organisation.calendar.officialYears)) {
    for (const list of ['holidays', 'workdays'] as const) {
      days[list].forEach((day, k) => {
        if (!day.startsWith(`${year}-`)) {
          problems.push({
            path: ['organisation', 'calendar', 'officialYears', year, list, k],
            message: `${day} is not in ${year}`,
          });
        }
      });
    }
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: org.organisation.timezone });
  } catch {
    problems.push({
      path: ['organisation', 'timezone'],
      message: `"${org.organisation.timezone}" is not an IANA time zone such as Asia/Shanghai`,
    });
  }
  return problems;
}

function resolveRules(org: OrgFile): CategoryRule[] {
  return org.categories.flatMap((parent) =>
    parent.children.map((child) => ({
      id: child.id,
      parentId: parent.id,
      name: child.name,
      lead: (child.lead ?? parent.lead) as string,
      co: child.co ?? parent.co ?? [],
      limit: child.limit ?? parent.limit ?? 'complex',
    })),
  );
}

/** Parses and validates YAML text; every problem names the file, the path in it and the line. */
export function parseOrganisation(yamlText: string, source: string): Organisation {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const line = ` (line ${lines.linePos(e.pos[0]).line})`;
        return `${source}${line}: not valid YAML: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  if (!isMap(doc.contents) && !isSeq(doc.contents)) {
    throw new ConfigError([`${source}: the file is empty or is not a YAML mapping`]);
  }
  const parsed = orgSchema.safeParse(doc.toJS());
  const describe = (path: Path, message: string) =>
    `${source}: ${pathText(path) || '(top level)'}: ${message}${lineOf(doc, lines, path)}`;
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => describe(i.path as Path, missingOr(i.message, i.code))),
    );
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) {
    throw new ConfigError(problems.map((p) => describe(p.path, p.message)));
  }
  return { ...parsed.data, rules: resolveRules(parsed.data), source };
}

function missingOr(message: string, code: string): string {
  return code === 'invalid_type' && message.includes('received undefined') ? 'is missing' : message;
}

export function loadOrganisation(path: string): Organisation {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(e);
    throw new ConfigError([`${path}: cannot read the organisation file (ORG_CONFIG): ${reason}`]);
  }
  return parseOrganisation(text, path);
}
