/** Time comes from here, never from `new Date()` in a rule, so tests and the terminal can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
