/**
 * The History export as CSV (RFC 4180), safe to open in a spreadsheet: a cell that a spreadsheet
 * would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a leading
 * apostrophe, so a label typed as `=HYPERLINK(...)` stays text (OWASP, "CSV Injection").
 */
import type { HistoryRow } from '../contract/domain';
import type { MessageId } from '../contract/text';
import type { Translator } from '../i18n/translator';

/** The columns, each headed in the agent's language; the cells under action, outcome and code stay Handoff's own tokens, for filtering. */
const HEADER: readonly MessageId[] = [
  'export.column.time',
  'export.column.action',
  'export.column.target',
  'export.column.outcome',
  'export.column.apiId',
  'export.column.code',
  'export.column.agentSaid',
];

/** One cell, defused against formulas and quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

const BYTE_ORDER_MARK = '\ufeff';

/** The rows as a CSV document, header first, CRLF line ends as the RFC has them, its words in `words`' language. */
export function historyCsv(rows: readonly HistoryRow[], words: Translator): string {
  const said = (value: boolean | null) => (value === null ? '' : words.t(value ? 'export.agentSaid.yes' : 'export.agentSaid.no'));
  const lines = rows.map((row) =>
    [row.at, row.action, row.target, row.outcome, row.apiId ?? '', row.code ?? '', said(row.agentSaid)].map(csvCell).join(','),
  );
  // A byte-order mark first: without it Excel reads the file as the system's code page and garbles
  // the headers and names of any language but English.
  return BYTE_ORDER_MARK + [HEADER.map((id) => csvCell(words.t(id))).join(','), ...lines].map((line) => `${line}\r\n`).join('');
}
