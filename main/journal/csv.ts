/**
 * The History export as CSV (RFC 4180), safe to open in a spreadsheet: a cell that a spreadsheet
 * would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a leading
 * apostrophe, so a label typed as `=HYPERLINK(...)` stays text (OWASP, "CSV Injection").
 */
import type { HistoryRow } from '../contract/domain';

const HEADER = ['time', 'action', 'target', 'outcome', 'api_id', 'code', 'agent_said'];

/** One cell, defused against formulas and quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/** The rows as a CSV document, header first, CRLF line ends as the RFC has them. */
export function historyCsv(rows: readonly HistoryRow[]): string {
  const said = (value: boolean | null) => (value === null ? '' : value ? 'went through' : 'did not go through');
  const lines = rows.map((row) =>
    [row.at, row.action, row.target, row.outcome, row.apiId ?? '', row.code ?? '', said(row.agentSaid)].map(csvCell).join(','),
  );
  return [HEADER.join(','), ...lines].map((line) => `${line}\r\n`).join('');
}
