import { steps, type PetitionState } from './lifecycle';

/**
 * The state table as a Mermaid diagram, for the README: a test checks that the README shows
 * exactly this, so the documented lifecycle cannot drift from the enforced one.
 */
export function lifecycleDiagram(): string {
  const lines = [
    'stateDiagram-v2',
    '  [*] --> submitted: file',
    '  [*] --> closed: recordTeamResolution',
  ];
  for (const [name, step] of Object.entries(steps)) {
    const to = (step as { to?: PetitionState }).to;
    if (!to) continue;
    for (const from of step.from as PetitionState[]) {
      if (from !== to) lines.push(`  ${from} --> ${to}: ${name}`);
    }
  }
  return lines.join('\n');
}
