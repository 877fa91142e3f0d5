import { localTimeOf } from '../../src/calendar/local-date';
import type { EventDetail } from '../../src/domain/event-details';
import type { Actor, Locale } from '../../src/domain/people';
import type { Report } from '../../src/domain/figures';
import type { Translator } from '../../src/i18n/translator';
import { reportLines, scopeName } from '../../src/notices/render-text';
import type { ActionCounts } from '../../src/services/desk-home';
import type { Page } from '../../src/services/page';
import type { PolicyView } from '../../src/services/policy';
import type { CaseFile, HistoryEntry, PetitionSummary } from '../../src/services/read-models';
import { shownHash, sizeText } from '../../src/presenters/sizes';
import { commandWords, type ListName } from './commands';

/** R13: an appeal or a review is named by its level, 复查 or 复核. */
function eventLabel(e: HistoryEntry): string {
  const level = e.details.find((d) => d.field === 'level')?.value;
  return level === undefined ? `event.${e.type}` : `event.${e.type}_${String(level)}`;
}

/** Plain-text views of the core's read models, in the reader's language. */
export class TextRenderer {
  constructor(
    readonly t: Translator,
    private readonly timeZone: string,
  ) {}

  roles(locale: Locale, actor: Actor): string {
    const names = [...new Set(actor.roles.map((r) => r.role))].map((r) =>
      this.t.t(locale, `role.${r}`),
    );
    const list = names.length > 0 ? names : [this.t.t(locale, 'role.employee')];
    return list.join(locale === 'en' ? ', ' : '、');
  }

  instant(at: Date): string {
    return localTimeOf(at, this.timeZone);
  }

  list(locale: Locale, items: PetitionSummary[]): string {
    if (items.length === 0) return this.t.t(locale, 'chat.nothing');
    return items
      .map((p) => {
        const flags = this.flags(locale, p);
        return this.t.t(locale, 'chat.list_line', {
          number: p.number,
          state: p.state,
          category: p.categoryId,
          due: p.due
            ? this.t.t(locale, 'chat.due', {
                date: p.dueProvisional ? `${p.due}${this.t.t(locale, 'word.provisional')}` : p.due,
              })
            : '',
          flags,
        });
      })
      .join('\n');
  }

  /** One page of a list; a list of several pages says where the reader is and how to go on. */
  page(locale: Locale, list: ListName, at: Page<PetitionSummary>, query?: string): string {
    const lines = this.list(locale, at.items);
    return at.pages === 1 ? lines : `${lines}\n${this.pageLine(locale, list, at, query)}`;
  }

  /** A found list (R29): how many match, then the page. */
  found(locale: Locale, list: ListName, at: Page<PetitionSummary>, query: string): string {
    return `${this.t.t(locale, 'desk.found', { total: at.total })}\n${this.page(locale, list, at, query)}`;
  }

  /** R29: the dashboard's line of what needs action. */
  actionCounts(locale: Locale, counts: ActionCounts): string {
    const parts = [
      this.t.t(locale, 'desk.home_overdue', { count: counts.overdue }),
      this.t.t(locale, 'desk.home_due_week', { count: counts.dueThisWeek }),
    ];
    if (counts.parked !== null) {
      parts.push(this.t.t(locale, 'desk.home_parked', { count: counts.parked }));
    }
    if (counts.unsignedPolicies !== null) {
      parts.push(this.t.t(locale, 'desk.home_unsigned', { count: counts.unsignedPolicies }));
    }
    return parts.join(' · ');
  }

  /** R22: figures on demand, titled with their scope and period. */
  figures(locale: Locale, report: Report): string {
    const title = this.t.t(locale, 'desk.figures_title', {
      scope: scopeName(this.t, locale, report.scope),
      first: report.first,
      last: report.last,
    });
    return [title, ...reportLines(this.t, locale, report)].join('\n');
  }

  /** Where a reader is in a list of several pages, and the command for the next one. */
  pageLine(locale: Locale, list: ListName, at: Page<PetitionSummary>, query?: string): string {
    const [english, chinese] = commandWords[list];
    const where = this.t.t(locale, 'chat.page', {
      page: at.page,
      pages: at.pages,
      total: at.total,
    });
    const more =
      at.page < at.pages
        ? this.t.t(locale, 'chat.more', {
            command: [locale === 'en' ? english : chinese, query].filter(Boolean).join(' '),
            next: at.page + 1,
          })
        : '';
    return `${where}${more}`;
  }

  /** R11, R12, R4, R10: what a step recorded (the reply's four parts, a rating, a situation…). */
  private details(locale: Locale, details: EventDetail[]): string {
    if (details.length === 0) return '';
    const shown = details.map((d) =>
      this.t.t(locale, 'chat.detail', {
        label: this.t.fieldName(locale, d.field),
        value: this.t.detail(locale, d),
      }),
    );
    return this.t.t(locale, 'chat.details', { details: shown.join(locale === 'en' ? '; ' : '；') });
  }

  /** Markers a case carries in lists and its file: major, paused, overdue. */
  private flags(locale: Locale, p: PetitionSummary): string {
    return [
      p.major ? this.t.t(locale, 'chat.major_flag') : '',
      p.paused ? this.t.t(locale, 'chat.paused') : '',
      p.overdueWorkingDays > 0
        ? this.t.t(locale, 'chat.overdue', { days: p.overdueWorkingDays })
        : '',
      p.statutoryOverdueDays > 0
        ? this.t.t(locale, 'chat.statutory_overdue', { days: p.statutoryOverdueDays })
        : '',
    ].join('');
  }

  caseFile(locale: Locale, c: CaseFile): string {
    const t = (key: string, params = {}) => this.t.t(locale, key, params);
    const provisional = (day: string | null) =>
      day !== null && c.deadlines.provisional ? `${day}${t('word.provisional')}` : day;
    const hidden = t(
      c.mode === 'anonymous' ? 'label.anonymous_petitioner' : 'label.confidential_petitioner',
    );
    const lines = [
      t('chat.case_header', {
        number: c.number,
        state: c.state,
        category: c.categoryId,
        department: c.leadDepartmentId,
      }) + this.flags(locale, c),
      t('chat.case_petitioner', {
        name: c.petitioner ?? hidden,
        mode: c.mode,
        contact: c.contact ?? t('chat.empty'),
        people: c.peopleConcerned,
      }),
      t('chat.case_owner', {
        first: c.firstReceiver ?? c.owner ?? t('chat.empty'),
        owner: c.owner ?? t('chat.empty'),
        leader: c.leader ?? t('chat.empty'),
        co: c.coDepartments.map((d) => this.t.department(locale, d)).join('、') || t('chat.empty'),
      }),
      t('chat.case_deadlines', {
        acceptanceDue: provisional(c.deadlines.acceptanceDue),
        handlingDue: c.deadlines.paused
          ? t('chat.paused').trim()
          : provisional(c.deadlines.handlingDue),
        statutoryDue: c.deadlines.statutoryHandlingDue ?? c.deadlines.registerBy,
        replyBy: c.deadlines.committedReplyBy,
      }),
      t('chat.case_content', { content: c.content }),
      ...c.attached.map((f, i) =>
        t('attachment.case_line', {
          n: i + 1,
          name: f.name,
          size: sizeText(f.bytes),
          sha: f.sha256.slice(0, shownHash),
        }),
      ),
      t('chat.case_history'),
      ...c.history.map(
        (e) =>
          t('chat.history_line', {
            seq: e.seq,
            at: this.instant(e.at),
            actor: e.actor ?? (e.actorHidden ? hidden : t('label.bot')),
            type: t(eventLabel(e)),
            reason: e.reason ? t('chat.reason_suffix', { reason: e.reason }) : '',
          }) + this.details(locale, e.details),
      ),
    ];
    return lines.join('\n');
  }

  /** R17: a policy's risk assessment, its sign-off, and the petitions about it the reader may see. */
  policyView(locale: Locale, v: PolicyView): string {
    const t = (key: string, params = {}) => this.t.t(locale, key, params);
    const p = v.policy;
    const petitions = v.petitions.map((c) => t('chat.policy_petition', c));
    return [
      t('chat.policy_header', {
        policy: p.id,
        title: p.title,
        department: p.departmentId,
        riskLevel: p.riskLevel,
        effectiveOn: p.effectiveOn,
      }),
      t('chat.policy_groups', { groups: p.affectedGroups, count: p.headCount }),
      t('chat.policy_risks', { risks: p.riskPoints }),
      t('chat.policy_mitigation', { mitigation: p.mitigation }),
      t('chat.policy_signoff', {
        registeredBy: v.registeredBy,
        signedOffBy: v.signedOffBy ?? t('chat.policy_unsigned'),
      }),
      t('chat.policy_petitions', { count: v.petitions.length }),
      ...petitions,
    ].join('\n');
  }
}
