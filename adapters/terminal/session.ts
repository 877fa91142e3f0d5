import type { Readable, Writable } from 'node:stream';
import type { AdjustableClock } from '../../src/domain/clock';
import { holds, type Actor, type Locale, type Role } from '../../src/domain/people';
import { Refusal } from '../../src/domain/refusal';
import { noticeText } from '../../src/notices/render-text';
import { noticeCharts } from '../../src/presenters/charts';
import type { Params, Translator } from '../../src/i18n/translator';
import { actorByKeyOrName } from '../../src/services/actors';
import type { Core } from '../../src/services/core';
import { takeDeliverable } from '../../src/services/inbox';
import { activePeople } from '../../src/services/people';
import { helpLine } from '../shared/command-table';
import { parseCommand } from '../shared/commands';
import type { Choice, TerminalContext } from './context';
import { writeFiles } from './files';
import { handlers } from './handlers';
import { choicesFor } from './inbox';
import { harmless, interrupted, lineLimitBytes, LineReader } from './line-reader';
import { relativeDate } from './relative-date';
import { TextRenderer } from '../shared/text-render';

export interface TerminalOptions {
  core: Core;
  clock: AdjustableClock;
  translator: Translator;
  input: Readable;
  output: Writable;
  interactive: boolean;
  locale: Locale;
  /** Who the session starts as (an id or name from the organisation file). */
  startAs: string;
  /** A new stream on the same terminal, for after Ctrl-D cancelled a form (see LineReader). */
  reopen?: () => Readable;
  /** Where exports and charts are written (R29); `exports` in the working directory when left out. */
  outDir?: string;
}

const helpSections: (Role | 'everyone' | 'session')[] = [
  'everyone',
  'liaison',
  'handler',
  'department_head',
  'leader',
  'review_board',
  'custodian',
  'session',
];

/**
 * A chat with the bot in a terminal, in the spirit of Hubot's shell adapter: the same commands
 * as in Slack or Lark, forms as a sequence of prompts, notices as they would arrive in chat, and
 * buttons as numbered choices.
 */
export class TerminalSession {
  private readonly reader: LineReader;
  private readonly render: TextRenderer;
  private actor!: Actor;
  private locale: Locale;
  private choices: Choice[] = [];
  private lastNumber = '';
  private running = true;
  private inForm = false;

  constructor(private readonly options: TerminalOptions) {
    this.reader = new LineReader(
      options.input,
      options.output,
      options.interactive,
      options.reopen,
    );
    this.render = new TextRenderer(options.translator, options.core.rules.timeZone);
    this.locale = options.locale;
  }

  private t = (key: string, params: Params = {}) =>
    this.options.translator.t(this.locale, key, params);

  private say = (text: string) => {
    this.options.output.write(`${harmless(text)}\n`);
  };

  private context(): TerminalContext {
    return {
      core: this.options.core,
      clock: this.options.clock,
      translator: this.options.translator,
      render: this.render,
      outDir: this.options.outDir ?? 'exports',
      actor: this.actor,
      locale: this.locale,
      t: this.t,
      say: this.say,
      ask: async (prompt) => {
        // A form's question: Ctrl-C or Ctrl-D here cancels the form, not the chat.
        this.inForm = true;
        try {
          return await this.reader.read(
            prompt,
            this.t('chat.line_too_long', { limit: lineLimitBytes }),
            true,
          );
        } finally {
          this.inForm = false;
        }
      },
      offer: (choices) => this.offer(choices),
      remember: (number) => (this.lastNumber = number),
      date: (text) => relativeDate(this.options.core, text),
      switchTo: (actor) => this.switchTo(actor),
      setLocale: (locale) => (this.locale = locale),
      quit: () => (this.running = false),
    };
  }

  private switchTo(actor: Actor) {
    this.actor = actor;
    // The numbered choices were someone else's buttons.
    this.choices = [];
    this.say(
      this.t('chat.now_as', {
        name: actor.person.name,
        roles: this.render.roles(this.locale, actor),
      }),
    );
  }

  /**
   * Ctrl-C. In a form it cancels the form and the chat goes on; at the prompt it ends the chat.
   * False when there is no chat left to interrupt.
   */
  interrupt(): boolean {
    if (this.inForm) return this.reader.interrupt();
    this.running = false;
    return this.reader.interrupt();
  }

  async run(): Promise<void> {
    this.say(this.t('chat.welcome'));
    this.switchTo(await actorByKeyOrName(this.options.core, this.options.startAs));
    await this.deliver();
    while (this.running) {
      const prompt = this.t('chat.prompt', {
        name: this.actor.person.name,
        roles: this.render.roles(this.locale, this.actor),
      });
      const line = await this.reader.read(
        prompt,
        this.t('chat.line_too_long', { limit: lineLimitBytes }),
      );
      if (line === null || line === interrupted) break;
      await this.execute(line);
    }
    this.say(this.t('chat.bye'));
    this.reader.close();
  }

  private async execute(line: string) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const choice = /^\d+$/.test(text) ? this.choices[Number(text) - 1] : undefined;
    const expanded = (choice ? choice.line : text).replace(
      /(^|\s)\.(?=\s|$)/g,
      `$1${this.lastNumber}`,
    );
    try {
      await this.command(expanded);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      this.say(this.options.translator.refusal(this.locale, e));
    }
    await this.deliver();
  }

  private async command(text: string) {
    const cmd = parseCommand(text);
    if (!cmd) throw new Refusal('chat.unknown_command', { word: text.split(/\s+/)[0] });
    const ctx = this.context();
    switch (cmd.name) {
      case 'help':
        return this.help();
      case 'quit':
        this.running = false;
        return;
      case 'whoami':
        return this.switchTo(this.actor);
      case 'lang':
        this.locale = /^en/i.test(cmd.args[0] ?? '') ? 'en' : 'zh-CN';
        return this.say(this.t('chat.lang_set'));
      case 'as':
        if (cmd.args.length === 0) return this.people();
        return this.switchTo(await actorByKeyOrName(this.options.core, cmd.restAfter(0)));
      default: {
        const handler = handlers[cmd.name];
        if (!handler) throw new Refusal('chat.unknown_command', { word: text.split(/\s+/)[0] });
        return handler(ctx, cmd);
      }
    }
  }

  private help() {
    for (const section of helpSections) {
      const shown =
        section === 'everyone' || section === 'session' || holds(this.actor, section as Role);
      if (!shown) continue;
      const who = this.t(
        section === 'everyone' || section === 'session'
          ? `chat.help_${section}`
          : `role.${section}`,
      );
      const commands = helpLine(section, this.t('chat.case_word'));
      this.say(`· ${this.t('chat.help_section', { who, commands })}`);
    }
  }

  private async people() {
    this.say(this.t('chat.who_list'));
    for (const actor of await activePeople(this.options.core)) {
      const { orgKey, name } = actor.person;
      this.say(`  ${orgKey}  ${name}  ${this.render.roles(this.locale, actor)}`);
    }
  }

  /** Replaces the numbered choices with these, each shown under what was just said. */
  private offer(choices: Choice[]) {
    this.choices = choices;
    choices.forEach((choice, i) =>
      this.say(this.t('chat.choice', { n: i + 1, label: choice.label })),
    );
    if (choices.length > 0) this.say(this.t('chat.choose_action'));
  }

  /** Shows what reached the current person (and every channel post), with numbered choices. */
  private async deliver() {
    const notices = await takeDeliverable(this.options.core, this.actor.person.id);
    if (notices.length === 0) return;
    this.choices = [];
    const ctx = this.context();
    for (const notice of notices) {
      const text = noticeText(this.options.translator, this.locale, notice);
      if (notice.to.kind === 'person' || notice.to.kind === 'relay') {
        this.say(this.t('chat.inbox', { text }));
        for (const choice of await choicesFor(ctx, notice)) {
          this.choices.push(choice);
          this.say(this.t('chat.choice', { n: this.choices.length, label: choice.label }));
        }
      } else {
        const channel =
          notice.to.kind === 'department_channel'
            ? this.options.translator.department(this.locale, notice.to.id)
            : this.t(`chat.channel_${notice.to.id}`);
        this.say(this.t('chat.channel_post', { channel, text }));
      }
      const charts = noticeCharts(this.options.translator, this.locale, notice);
      await writeFiles(ctx, charts, 'desk.chart_written');
    }
    if (this.choices.length > 0) this.say(this.t('chat.choose_action'));
  }
}
