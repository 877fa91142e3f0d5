import { creations, steps, type PetitionState } from './lifecycle';

/**
 * The state table as a Mermaid diagram, for the README: a test checks that the README shows
 * exactly this, so the documented lifecycle cannot drift from the enforced one.
 */
export function lifecycleDiagram(): string {
  const lines = ['stateDiagram-v2'];
  for (const [name, creation] of Object.entries(creations)) {
    lines.push(`  [*] --> ${creation.to}: ${name}`);
  }
  for (const [name, step] of Object.entries(steps)) {
    const to = (step as { to?: PetitionState }).to;
    if (!to) continue;
    for (const from of step.from as readonly PetitionState[]) {
      if (from !== to) lines.push(`  ${from} --> ${to}: ${name}`);
    }
  }
  return lines.join('\n');
}
