/** 附件（R30）：随信访件保存的文件和图片。 */
export const attachments = {
  attachment: {
    case_line: '附件 {{n}}：{{name}}（{{size}}，SHA-256 {{sha}}…）',
    document_line: '附件 {{n}}：{{name}}（{{size}}，SHA-256 {{sha}}）',
    list_title: '{{number}} 的附件（{{count}} 个）：',
    none: '{{number}} 还没有附件。',
    line: '{{n}}. {{name}} · {{size}} · SHA-256 {{sha}}… · {{at}}',
    send_me: '发给我：{{name}}',
    sent: '已把 {{name}} 发到您的私信。',
    written: '附件已写入：{{path}}',
    attached: '已把 {{name}} 添加到 {{number}}（{{size}}，SHA-256 {{sha}}…）。',
    which_case: '收到文件 {{name}}。它属于您的哪一件信访？',
    no_target: '收到文件 {{name}}，但您没有可以添加附件的在办信访件。',
    target: '{{number}} · {{category}} · {{state}}',
    no_such_file: '找不到文件 {{path}}。',
    file_title: '{{number}} 的附件 {{name}}',
  },
} as const;
