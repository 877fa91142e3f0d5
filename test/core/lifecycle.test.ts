import { readFileSync } from 'node:fs';
import {
  allows,
  keptStates,
  liveStates,
  nextState,
  states,
  steps,
} from '../../src/domain/lifecycle';
import { lifecycleDiagram } from '../../src/domain/lifecycle-diagram';

describe('the lifecycle state table', () => {
  test('R14 R23 every state is exactly one of live, kept in the archive, or destroyed', () => {
    const classes = states.map(
      (s) =>
        [liveStates.includes(s), keptStates.includes(s), s === 'destroyed'].filter(Boolean).length,
    );
    expect(classes).toEqual(states.map(() => 1));
  });

  test('R13 after re-review nothing but archiving moves a closed case', () => {
    const moves = (Object.keys(steps) as (keyof typeof steps)[]).filter(
      (s) => allows(s, 'closed') && nextState(s, 'closed') !== 'closed',
    );
    expect(moves).toEqual(['archive']);
  });

  test('R23 a destroyed case takes no step at all', () => {
    const moves = (Object.keys(steps) as (keyof typeof steps)[]).filter((s) =>
      allows(s, 'destroyed'),
    );
    expect(moves).toEqual([]);
  });

  test('a pause keeps the state; the first progress note moves an accepted case into progress', () => {
    expect(nextState('pause', 'in_progress')).toBe('in_progress');
    expect(nextState('note', 'accepted')).toBe('in_progress');
  });

  test('the README shows the lifecycle exactly as the table enforces it', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(['```mermaid', lifecycleDiagram(), '```'].join('\n'));
  });
});
