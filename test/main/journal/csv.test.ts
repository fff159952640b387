import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../../main/contract/domain';
import { csvCell, historyCsv } from '../../../main/journal/csv';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+14155550100', "'+14155550100"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['Dana, sales', '"Dana, sales"'],
    ['plain', 'plain'],
    ['', ''],
  ])('%j becomes %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('the history CSV', () => {
  it('has a header and one CRLF line per row, numbers defused', () => {
    const row: HistoryRow = {
      at: '2026-12-05T10:00:00.000Z',
      action: 'warm_transfer',
      target: '=cmd (+14152225555)',
      outcome: 'uncertain',
      apiId: null,
      code: 'timeout',
      agentSaid: true,
    };
    expect(historyCsv([row])).toBe(
      'time,action,target,outcome,api_id,code,agent_said\r\n' +
        "2026-12-05T10:00:00.000Z,warm_transfer,'=cmd (+14152225555),uncertain,,timeout,went through\r\n",
    );
  });
});
