import type { attachments } from './zh-CN/attachments';
import type { desk } from './zh-CN/desk';
import type { messages } from './zh-CN/messages';
import type { terms } from './zh-CN/terms';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The words of the domain, as every language must fill them: zh-CN's keys, with any text. */
export type Terms = Widen<typeof terms>;
/** What the bot says, likewise. */
export type Messages = Widen<typeof messages>;
/** The office desk's words (R29), likewise. */
export type Desk = Widen<typeof desk>;
/** Attachments' words (R30), likewise. */
export type Attachments = Widen<typeof attachments>;
/** The shape every language must fill. */
export type Catalogue = Terms & Messages & Desk & Attachments;
