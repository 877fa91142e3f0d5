import { attachments } from './attachments';
import { desk } from './desk';
import { messages } from './messages';
import { terms } from './terms';

/** 简体中文：用户首先看到的语言。Keys are shared with en/; a test keeps the two in step. */
export const zhCN = { ...terms, ...messages, ...desk, ...attachments } as const;
