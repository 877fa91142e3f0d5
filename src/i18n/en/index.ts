import type { Catalogue } from '../catalogue';
import { messages } from './messages';
import { terms } from './terms';

/** English: the second interface language. */
export const en: Catalogue = { ...terms, ...messages };
