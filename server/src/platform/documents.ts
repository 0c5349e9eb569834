import { createRequire } from 'node:module';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type Pdfmake from 'pdfmake';

// The document libraries weigh tens of megabytes each once loaded, and most requests never need them: each is imported
// the first time a document is made, then kept.
let excel: Promise<typeof ExcelJS> | undefined;
let pdf: Promise<typeof Pdfmake> | undefined;

/** exceljs, for spreadsheets (exports, imports, templates). */
export function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}

/** The font family every PDF uses: pdfmake's full Roboto TTFs, which cover Vietnamese. */
export const PDF_FONT = 'Roboto';

// pdfmake stays an external package (also in the esbuild bundle), so its fonts are read from node_modules at run time.
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto');
const FONTS = {
  [PDF_FONT]: {
    normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
};
const FONT_FILES = new Set(Object.values(FONTS[PDF_FONT]));

/** A pdfmake document definition. */
export type PdfDocument = Parameters<(typeof Pdfmake)['createPdf']>[0];

/** Renders a pdfmake document with the Roboto fonts; it may read those font files and nothing else, and fetch nothing. */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  pdf ??= import('pdfmake').then((m) => m.default);
  const pdfmake = await pdf;
  // pdfmake keeps its settings on one shared instance and reads them when createPdf is called: set them right before.
  pdfmake.addFonts(FONTS);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => FONT_FILES.has(path.resolve(file)));
  return pdfmake.createPdf(doc).getBuffer();
}
