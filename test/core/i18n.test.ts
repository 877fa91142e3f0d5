import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Refusal } from '../../src/domain/refusal';
import { en } from '../../src/i18n/en';
import { noticeKinds } from '../../src/notices/notice';
import { Translator } from '../../src/i18n/translator';
import { zhCN } from '../../src/i18n/zh-CN';
import { exampleOrg } from '../support/world';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const code = sources('src')
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');
const t = new Translator(exampleOrg);

describe('every user-facing string goes through i18n, zh-CN first and English second', () => {
  test('both catalogues have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  test('every refusal the core can raise has a message in both languages', () => {
    const used = [...code.matchAll(/new Refusal\('([a-z_.]+)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(30);
    for (const key of new Set(used)) expect(keys(zhCN)).toContain(key);
  });

  test('every notice the core writes has a text in both languages', () => {
    for (const kind of noticeKinds) {
      expect(keys(zhCN)).toContain(`notice.${kind}`);
      expect(keys(en)).toContain(`notice.${kind}`);
    }
  });

  test('a refusal names the case and its state in the reader language', () => {
    const refusal = new Refusal('refusal.state', {
      number: 'XF-2026-000001',
      state: 'accepted',
      step: 'accept',
    });
    expect(t.refusal('zh-CN', refusal)).toBe(
      'XF-2026-000001 当前状态为「已受理」，不能执行「受理」。',
    );
    expect(t.refusal('en', refusal)).toBe(
      'XF-2026-000001 is accepted: it cannot be given the step "accept".',
    );
  });

  test('organisation names come from the organisation file in the reader language', () => {
    expect(
      t.notice('zh-CN', 'declined', { number: 'XF-2026-000002', situation: 'litigation' }),
    ).toBe(
      'XF-2026-000002 不予受理：已进入诉讼或仲裁程序。该事项已进入法定程序，请通过人民法院或劳动人事争议仲裁委员会继续主张权利。',
    );
    expect(
      t.notice('en', 'new_case', { number: 'X', category: 'labour.salary', peopleConcerned: 3 }),
    ).toBe('New petition X: Labour rights / Salary, 3 people concerned.');
  });
});
