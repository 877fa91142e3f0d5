/* eslint-disable @typescript-eslint/no-require-imports -- loading on first use is the point */
/**
 * The desk's heavy libraries (spreadsheets, documents, charts), each loaded the first time a
 * file is made: start-up time and idle memory are held to targets (issue 17), exceljs alone
 * takes most of a second to load, and most runs never make a file. `require` rather than
 * `import()`, because this code runs as CommonJS and jest's module VM refuses `import()`.
 */
export const exceljs = (): typeof import('exceljs') => require('exceljs');
export const docx = (): typeof import('docx') => require('docx');
export const echarts = (): typeof import('echarts') => require('echarts');
export const resvg = (): typeof import('@resvg/resvg-js') => require('@resvg/resvg-js');
