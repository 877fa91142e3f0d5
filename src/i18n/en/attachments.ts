import type { Catalogue } from '../catalogue';

/** Attachments (R30): files and pictures kept with a case. */
export const attachments: Pick<Catalogue, 'attachment'> = {
  attachment: {
    case_line: 'Attachment {{n}}: {{name}} ({{size}}, SHA-256 {{sha}}…)',
    document_line: 'Attachment {{n}}: {{name}} ({{size}}, SHA-256 {{sha}})',
    list_title: 'Attachments of {{number}} ({{count}}):',
    none: '{{number}} has no attachments yet.',
    line: '{{n}}. {{name}} · {{size}} · SHA-256 {{sha}}… · {{at}}',
    send_me: 'Send me {{name}}',
    sent: '{{name}} was sent to your direct messages.',
    written: 'Attachment written: {{path}}',
    attached: '{{name}} was attached to {{number}} ({{size}}, SHA-256 {{sha}}…).',
    which_case: 'Received {{name}}. Which of your cases is it for?',
    no_target: 'Received {{name}}, but you have no open case to attach it to.',
    target: '{{number}} · {{category}} · {{state}}',
    no_such_file: 'There is no file {{path}}.',
    file_title: 'Attachment {{name}} of {{number}}',
    slack_field: 'Attachments (optional: pictures, PDF, Office documents or text)',
    refused: '{{name}}: {{reason}}',
    unnamed: '(name unknown)',
    slack_adding:
      'Adding {{name}} to {{number}}… If this message does not turn into the result, use the button below.',
    slack_add: 'Add {{name}}',
    slack_attaching:
      '{{count}} attachment(s) are being added to {{number}}; the result comes to your direct messages.',
  },
};
