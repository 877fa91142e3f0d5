import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { Logger } from '../../src/logger';
import type { Core } from '../../src/services/core';

/** What every Slack listener works with. */
export interface SlackContext {
  core: Core;
  t: Translator;
  locale: Locale;
  log: Logger;
  /** Whether Slack's requests are waiting for their answers now (over HTTP). */
  busy?: () => boolean;
}
