import i18next, { type i18n } from 'i18next';
import type { Organisation } from '../config/org';
import type { Text } from '../config/org-schema';
import type { EventDetail } from '../domain/event-details';
import type { Locale } from '../domain/people';
import type { Refusal } from '../domain/refusal';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Params = Record<string, string | number | boolean | null | undefined>;

/** Parameters whose value is itself a key of the catalogue (a state, a step, a rating…). */
const catalogued: Record<string, string> = {
  state: 'state',
  step: 'step',
  field: 'field',
  part: 'field',
  mode: 'mode',
  rating: 'rating',
  method: 'method',
  outcome: 'outcome',
  trigger: 'trigger',
  pauseKind: 'pause_kind',
  riskLevel: 'risk_level',
  usage: 'usage',
  level: 'word',
};

/** Sentences without parameters kept translated: more than the catalogue has, so a bound only. */
const plainKept = 5_000;

/**
 * Every user-facing sentence, in zh-CN first and English second. Values that name things of the
 * organisation (categories, departments, decline situations) come from the organisation file
 * in the reader's language.
 */
export class Translator {
  private readonly i18n: i18n;
  private readonly plain = new Map<string, string>();

  constructor(readonly organisation: Organisation) {
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      initAsync: false,
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: 'zh-CN',
      fallbackLng: 'zh-CN',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }

  t(locale: Locale, key: string, params: Params = {}): string {
    if (Object.keys(params).length > 0) {
      return this.i18n.t(key, { lng: locale, ...this.localise(locale, params) });
    }
    // A sentence without parameters is always the same: each form a chat draws asks for dozens.
    const memo = `${locale}:${key}`;
    let text = this.plain.get(memo);
    if (text === undefined) {
      text = this.i18n.t(key, { lng: locale });
      if (this.plain.size >= plainKept) this.plain.clear();
      this.plain.set(memo, text);
    }
    return text;
  }

  refusal(locale: Locale, refusal: Refusal): string {
    return this.t(locale, refusal.key, refusal.params);
  }

  notice(locale: Locale, kind: string, params: Params): string {
    return this.t(locale, `notice.${kind}`, params);
  }

  /** An event's detail as a reader sees it: names for ids, words for catalogued values. */
  detail(locale: Locale, { field, kind, value }: EventDetail): string {
    switch (kind) {
      case 'category':
        return this.category(locale, String(value));
      case 'department':
        return this.department(locale, String(value));
      case 'method':
        return this.value(locale, 'method', value);
      case 'situation': {
        const situation = this.organisation.declineSituations.find((s) => s.id === value);
        return situation ? this.name(locale, situation.name) : String(value);
      }
      case 'value':
        return this.value(locale, field, value);
    }
  }

  /** The name of a form field or event detail, or the key itself when it has none. */
  fieldName(locale: Locale, key: string): string {
    return this.i18n.t(`field.${key}`, { lng: locale, defaultValue: key });
  }

  /** A value as a reader sees it: catalogued words (a mode, a rating…) in their language. */
  value(locale: Locale, key: string, value: unknown): string {
    if (Array.isArray(value)) return value.map((v) => this.value(locale, key, v)).join('、');
    if (typeof value === 'string' && catalogued[key]) {
      return this.i18n.t(`${catalogued[key]}.${value}`, { lng: locale, defaultValue: value });
    }
    if (typeof value === 'boolean')
      return this.i18n.t(`word.${value ? 'yes' : 'no'}`, { lng: locale });
    return value === null || value === undefined ? '—' : String(value);
  }

  name(locale: Locale, text: Text): string {
    return locale === 'en' ? text.en : text.zh;
  }

  category(locale: Locale, id: string): string {
    const rule = this.organisation.rules.find((r) => r.id === id);
    const parent = this.organisation.categories.find((c) => c.id === (rule?.parentId ?? id));
    if (!rule) return parent ? this.name(locale, parent.name) : id;
    return `${parent ? `${this.name(locale, parent.name)} / ` : ''}${this.name(locale, rule.name)}`;
  }

  department(locale: Locale, id: string): string {
    const department = this.organisation.departments.find((d) => d.id === id);
    return department ? this.name(locale, department.name) : id;
  }

  private localise(locale: Locale, params: Params): Record<string, string | number> {
    const out: Record<string, string | number> = {};
    const word = (key: string) => this.i18n.t(`word.${key}`, { lng: locale });
    for (const [key, value] of Object.entries(params)) {
      if (value === null || value === undefined) out[key] = '—';
      else if (typeof value === 'string' && catalogued[key]) {
        out[key] = this.i18n.t(`${catalogued[key]}.${value}`, { lng: locale, defaultValue: value });
      } else if (key === 'category' && typeof value === 'string')
        out[key] = this.category(locale, value);
      else if (key === 'department' && typeof value === 'string')
        out[key] = this.department(locale, value);
      else if (key === 'situation' && typeof value === 'string') {
        const situation = this.organisation.declineSituations.find((s) => s.id === value);
        out.situation = situation ? this.name(locale, situation.name) : value;
        out.guidance = situation ? this.name(locale, situation.guidance) : '';
      } else if (key === 'approved') out.decision = word(value ? 'approved' : 'rejected');
      else if (key === 'granted') out.decision = word(value ? 'granted' : 'denied');
      else if (key === 'final') out.final = value ? word('final') : '';
      else if (key === 'provisional') out.provisional = value ? word('provisional') : '';
      else out[key] = typeof value === 'boolean' ? String(value) : value;
    }
    return out;
  }
}
