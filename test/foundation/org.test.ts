import { readFileSync } from 'node:fs';
import { ConfigError } from '../../src/config/config-error';
import { loadOrganisation, parseOrganisation } from '../../src/config/org';

const example = readFileSync('org.example.yaml', 'utf8');

function problemsOf(yaml: string): string[] {
  try {
    parseOrganisation(yaml, 'org.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('organisation file', () => {
  test('the shipped example is valid: a manufacturer with departments, people and the R3 taxonomy', () => {
    const org = loadOrganisation('org.example.yaml');
    expect(org.departments.length).toBeGreaterThanOrEqual(6);
    expect(org.people.length).toBeGreaterThanOrEqual(15);
    expect(org.people.every((p) => p.slack && p.lark?.openId)).toBe(true);
    expect(org.categories.map((c) => c.id)).toEqual(['labour', 'management', 'protection']);
  });

  test('R3 sub-categories inherit the lead department, co-departments and limit of their parent', () => {
    const org = parseOrganisation(example, 'org.example.yaml');
    const salary = org.rules.find((r) => r.id === 'labour.salary');
    expect(salary).toMatchObject({ lead: 'hr', co: ['finance', 'union'], limit: 'complex' });
    const insurance = org.rules.find((r) => r.id === 'labour.insurance');
    expect(insurance).toMatchObject({ lead: 'hr', co: ['finance'] });
    expect(org.rules.find((r) => r.id === 'management.process')).toMatchObject({
      lead: 'production',
      limit: 'simple',
    });
  });

  test('R9 time limits default to 3/15/30 working days when the file leaves them out', () => {
    const org = parseOrganisation(example.replace(/^timeLimits:[\s\S]*?\n\n/m, ''), 'org.yaml');
    expect(org.timeLimits).toMatchObject({ simple: 3, complex: 15, major: 30 });
  });

  test('an unknown department is reported with the file, the path inside it and the line', () => {
    const broken = example.replace('lead: safety', 'lead: saftey');
    const problems = problemsOf(broken);
    const line = broken.split('\n').findIndex((l) => l.includes('lead: saftey')) + 1;
    expect(problems).toEqual([
      `org.yaml: categories[2].children[0].lead: unknown department "saftey" (line ${line})`,
    ]);
  });

  test('a role the product does not know is named with the list of valid ones', () => {
    const problems = problemsOf(example.replace('{ role: custodian }', '{ role: boss }'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^org\.yaml: people\[4\]\.roles\[3\](\.role)?: role must be one of handler, .*admin \(line \d+\)$/,
    );
  });

  test('the same Slack id on two people is refused', () => {
    const problems = problemsOf(example.replace('slack: U0A2LINA00', 'slack: U0A1ZHANGW'));
    expect(problems).toEqual([
      expect.stringMatching(
        /^org\.yaml: people\[1\]\.slack: Slack id "U0A1ZHANGW" is already used at people\[0\]\.slack/,
      ),
    ]);
  });

  test('a missing required field says it is missing', () => {
    const problems = problemsOf(example.replace(/^ {4}name: 王芳\n/m, ''));
    expect(problems).toEqual([expect.stringMatching(/^org\.yaml: people\[2\]\.name: /)]);
  });

  test("R31 a year's official days that fall in another year are reported where they are", () => {
    const yaml = example.replace(
      'officialYears: {}',
      "officialYears: { '2027': { holidays: ['2027-01-01', '2028-01-03'] } }",
    );
    expect(problemsOf(yaml)).toEqual([
      expect.stringMatching(
        /^org\.yaml: organisation\.calendar\.officialYears\.2027\.holidays\[1\]: 2028-01-03 is not in 2027/,
      ),
    ]);
    const given = parseOrganisation(
      example.replace(
        'officialYears: {}',
        "officialYears: { '2027': { holidays: ['2027-01-01'] } }",
      ),
      'org.yaml',
    );
    expect(given.organisation.calendar.officialYears).toEqual({
      '2027': { holidays: ['2027-01-01'], workdays: [] },
    });
  });

  test('broken YAML is reported with its line', () => {
    expect(problemsOf('departments:\n  - id: [unclosed\n')).toEqual([
      expect.stringMatching(/^org\.yaml \(line \d+\): not valid YAML/),
    ]);
  });

  test('a missing file names the path and the variable that points at it', () => {
    expect(() => loadOrganisation('nowhere.yaml')).toThrow(
      'nowhere.yaml: cannot read the organisation file (ORG_CONFIG): file not found',
    );
  });
});
