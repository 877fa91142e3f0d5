import type { zhCN } from './zh-CN';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language must fill: the zh-CN catalogue's keys, with any text. */
export type Catalogue = Widen<typeof zhCN>;
