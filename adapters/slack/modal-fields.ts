import type { Field, Option } from '../shared/forms';

const plain = (text: string) => ({ type: 'plain_text' as const, text: text.slice(0, 150) });
/** Slack's text input takes at most 3,000 characters; the core checks the real limits. */
export const inputLimit = 3000;
const option = (o: Option) => ({ text: plain(o.text), value: o.value });

function element(field: Field) {
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: field.kind === 'multiline',
        ...(field.max ? { max_length: Math.min(field.max, inputLimit) } : {}),
        ...(field.initial ? { initial_value: field.initial.slice(0, inputLimit) } : {}),
      };
    case 'number':
      return {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: false,
        min_value: String(field.min),
        max_value: String(field.max),
        ...(field.initial !== undefined ? { initial_value: String(field.initial) } : {}),
      };
    case 'select': {
      const all = field.groups ? field.groups.flatMap((g) => g.options) : field.options;
      const initial = all.find((o) => o.value === field.initial);
      return {
        type: 'static_select',
        action_id: 'value',
        ...(field.groups
          ? {
              option_groups: field.groups.map((g) => ({
                label: plain(g.label),
                options: g.options.map(option),
              })),
            }
          : { options: field.options.map(option) }),
        ...(initial ? { initial_option: option(initial) } : {}),
      };
    }
    case 'date':
      return {
        type: 'datepicker',
        action_id: 'value',
        ...(field.initial ? { initial_date: field.initial } : {}),
      };
    case 'confirm':
      return {
        type: 'checkboxes',
        action_id: 'value',
        options: [{ text: plain(field.statement), value: 'yes' }],
      };
  }
}

/**
 * The neutral form fields as a Slack modal: each field becomes one input block whose block_id is
 * the field's id, so a Refusal naming a field can be shown under it (`response_action: errors`).
 */
export function modal(
  callbackId: string,
  title: string,
  submit: string,
  fields: Field[],
  metadata: object,
  note?: string,
) {
  return {
    type: 'modal' as const,
    callback_id: callbackId,
    title: plain(title.slice(0, 24)),
    submit: plain(submit.slice(0, 24)),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      ...(note ? [{ type: 'context', elements: [{ type: 'plain_text', text: note }] }] : []),
      ...fields.map((field) => ({
        type: 'input',
        block_id: field.id,
        label: plain(field.label),
        optional: field.kind === 'confirm' || ('optional' in field && field.optional === true),
        element: element(field),
      })),
    ],
  };
}

type StateValue = {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date?: string | null;
  selected_options?: { value: string }[];
  files?: GivenFile[];
};

/** A file uploaded in a modal's `file_input`, as much of it as the view state tells. */
export interface GivenFile {
  id: string;
  name?: string;
  size?: number;
}

/** The modal's own upload field (R30); its files are attached once the case exists. */
export const attachmentsBlock = 'attachments';

/**
 * An optional `file_input`. Its extensions only spare a person a wrong pick: the core sniffs
 * each file's type from its bytes. Slack takes at most 10 files in one input.
 */
export function attachmentInput(label: string, extensions: readonly string[]) {
  return {
    type: 'input',
    block_id: attachmentsBlock,
    label: plain(label),
    optional: true,
    element: { type: 'file_input', action_id: 'value', filetypes: [...extensions], max_files: 10 },
  };
}

/** The files given in the modal's upload field, none when it has none. */
export function submittedFiles(state: {
  values: Record<string, Record<string, StateValue>>;
}): GivenFile[] {
  return state.values[attachmentsBlock]?.value?.files ?? [];
}

/** The submitted values by field id, as text; a confirmation is 'yes' when ticked. */
export function submitted(state: {
  values: Record<string, Record<string, StateValue>>;
}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state.values)) {
    const v = actions.value;
    if (!v || v.files) continue;
    out[blockId] =
      v.selected_option?.value ??
      v.selected_date ??
      (v.selected_options ? (v.selected_options.length > 0 ? 'yes' : '') : (v.value ?? ''));
  }
  return out;
}
