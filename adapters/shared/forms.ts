/**
 * A form's fields, as neutral as the platforms allow: Slack draws them as a modal, Lark as a
 * Card 2.0 form container, the terminal as a sequence of prompts. A field's id is the name its
 * answer comes back under, and the name a Refusal is shown beside.
 */
export interface Option {
  text: string;
  value: string;
}

export type Field =
  | {
      id: string;
      label: string;
      kind: 'text' | 'multiline';
      optional?: boolean;
      max?: number;
      initial?: string;
    }
  | { id: string; label: string; kind: 'number'; min: number; max: number; initial?: number }
  | {
      id: string;
      label: string;
      kind: 'select';
      options: Option[];
      groups?: { label: string; options: Option[] }[];
      initial?: string;
    }
  | { id: string; label: string; kind: 'date'; initial?: string }
  | { id: string; label: string; kind: 'confirm'; statement: string };
