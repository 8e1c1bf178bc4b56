/** One column of an exported sheet: its header and how to write a row's cell. */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | Date | null | undefined;
  width?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ExportOptions<T> {
  fileName: string;
  sheetName: string;
  columns: ExportColumn<T>[];
  /** Fetches one page of the list as it is filtered now; `null` is the first page. */
  fetchPage: (cursor: string | null) => Promise<Page<T>>;
  onProgress?: (rows: number) => void;
  signal?: AbortSignal;
  /** Stops after this many rows (Excel itself holds about a million). */
  maxRows?: number;
}

/**
 * Walks every page of the current list through the API (so scope and masking are the server's,
 * exactly as on screen), writes an .xlsx workbook and returns it. exceljs is loaded only now: it
 * is large, and most visits never export.
 */
export async function buildWorkbook<T>(
  options: ExportOptions<T>,
): Promise<{ data: ArrayBuffer; rows: number }> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Shequ';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31));
  sheet.columns = options.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const maxRows = options.maxRows ?? 200_000;
  let rows = 0;
  let cursor: string | null = null;
  do {
    if (options.signal?.aborted) throw new DOMException('export cancelled', 'AbortError');
    const page: Page<T> = await options.fetchPage(cursor);
    for (const item of page.items) {
      if (rows >= maxRows) break;
      sheet.addRow(options.columns.map((c) => c.value(item) ?? ''));
      rows += 1;
    }
    options.onProgress?.(rows);
    cursor = rows >= maxRows ? null : page.nextCursor;
  } while (cursor);
  const data = (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
  return { data, rows };
}

/** Hands the browser a file to save. */
export function saveFile(data: ArrayBuffer | Blob, fileName: string, type: string): void {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
