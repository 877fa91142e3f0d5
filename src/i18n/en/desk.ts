import type { Desk } from '../catalogue';

/** The office desk (R29): find, count, export, charts, the home dashboard. */
export const desk: Desk = {
  desk: {
    bad_period:
      'I do not understand the period "{{period}}". Try: this month, last month, this week, last week, this year, 2026, 2026-Q3, 2026-11, last 4 weeks, last 30 days.',
    bad_filter:
      'I do not understand the filter "{{filter}}". Try: state:accepted, dept:hr, category:labour, policy:3, period:this month, overdue, major.',
    keyword_too_short:
      'The search "{{keyword}}" is too short: give at least two characters (for example 加班).',
    search_needs_words: 'Say what to search for, for example: search 加班 period:2026-11',
    found: '{{total}} cases match:',
    figures_title: '{{scope}} · figures from {{first}} to {{last}}',
    scope_company: 'Whole company',
    scope_departments: '{{departments}}',
    scope_mine: 'Cases involving you',
    no_figures:
      'You have no scope to count (figures are for handlers, department heads, leaders, the party committee and admins).',
    export_usage: 'Usage: export register [period] [xlsx|csv], or export case <number>',
    export_ready: '{{file}} is ready ({{what}}).',
    export_written: 'Written to {{path}}',
    export_register: 'register of cases filed {{first}} to {{last}}, {{total}} cases',
    export_case: 'case file {{number}}',
    export_too_many:
      'The period has {{total}} cases, more than the {{limit}} one export holds; choose a shorter period.',
    chart_written: 'Chart written to {{path}}',
    chart_weeks_title: 'Last 12 weeks: new, closed, overdue',
    chart_breakdown_title: '{{first}} to {{last}} by category and department',
    chart_new: 'New',
    chart_closed: 'Closed',
    chart_overdue: 'Overdue',
    chart_week: 'Week',
    home_title: 'Needs action',
    home_overdue: '{{count}} overdue',
    home_due_week: '{{count}} due this week',
    home_parked: '{{count}} notices parked',
    home_unsigned: '{{count}} policies awaiting sign-off',
    home_open_overdue: 'Overdue cases',
    home_open_due_week: 'Due this week',
  },
  register: {
    number: 'Number',
    filed_at: 'Filed',
    state: 'State',
    category: 'Category',
    department: 'Lead department',
    mode: 'Filed as',
    petitioner: 'Petitioner',
    owner: 'Owner',
    due: 'Due',
    overdue_days: 'Working days overdue',
    major: 'Major',
    hidden: '(not shown)',
  },
};
