/* eslint-disable @typescript-eslint/no-require-imports -- loading on first use is the point */
/**
 * The libraries that read and rewrite attachments (R30), each loaded the first time a file is
 * given: sharp brings libvips into memory, and most runs never see a file (issue 17 holds idle
 * memory and start-up to targets). `require`, as in the presenters' libraries: this code runs as
 * CommonJS and jest's module VM refuses `import()`.
 */
export const sharp = (): typeof import('sharp') => require('sharp');
export const jszip = (): typeof import('jszip') => require('jszip');
export const pdfLib = (): typeof import('pdf-lib') => require('pdf-lib');
