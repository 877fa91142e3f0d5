import type { Catalogue } from '../catalogue';
import { attachments } from './attachments';
import { desk } from './desk';
import { messages } from './messages';
import { terms } from './terms';

/** English: the second interface language. */
export const en: Catalogue = { ...terms, ...messages, ...desk, ...attachments };
