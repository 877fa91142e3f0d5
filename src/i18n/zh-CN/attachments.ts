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
    slack_field: '附件（可选，图片、PDF、Office 文档或文本）',
    refused: '{{name}}：{{reason}}',
    unnamed: '（名称未知）',
    attached_before:
      '这个文件已经提交添加到 {{number}}。发送“附件 {{number}}”可以查看；如果列表里没有，请重新发送这个文件。',
    slack_adding: '正在把 {{name}} 添加到 {{number}}……如果这条消息没有变成结果，请点下面的按钮。',
    slack_add: '添加 {{name}}',
    slack_attaching: '{{count}} 个附件正在添加到 {{number}}，结果会发到您的私信。',
  },
} as const;
