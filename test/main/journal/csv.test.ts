import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../../main/contract/domain';
import { csvCell, historyCsv } from '../../../main/journal/csv';
import { compileMessages } from '../../../main/i18n/catalog-files';
import { createTranslator } from '../../../main/i18n/translator';
import { englishWords } from '../../support/english';

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
    expect(historyCsv([row], englishWords)).toBe(
      '\ufefftime,action,target,outcome,api_id,code,agent_said\r\n' +
        "2026-12-05T10:00:00.000Z,warm_transfer,'=cmd (+14152225555),uncertain,,timeout,went through\r\n",
    );
  });

  it('heads its columns and words what the agent said in the agent\'s language, and defuses those words too', () => {
    const row: HistoryRow = { at: '2026-12-05T10:00:00.000Z', action: 'hold', target: 'Ada', outcome: 'uncertain', apiId: null, code: 'timeout', agentSaid: false };
    const words = createTranslator({
      tag: 'de',
      dir: 'ltr',
      messages: compileMessages({
        'export.column.time': 'Zeit',
        'export.column.action': 'Aktion',
        'export.column.target': 'Ziel',
        'export.column.outcome': 'Ergebnis',
        'export.column.apiId': 'API-ID',
        'export.column.code': 'Code, Fehler',
        'export.column.agentSaid': '=Angabe',
        'export.agentSaid.yes': 'ging durch',
        'export.agentSaid.no': 'ging nicht durch',
      }),
    });
    expect(historyCsv([row], words)).toBe(
      `\ufeffZeit,Aktion,Ziel,Ergebnis,API-ID,"Code, Fehler",'=Angabe\r\n2026-12-05T10:00:00.000Z,hold,Ada,uncertain,,timeout,ging nicht durch\r\n`,
    );
  });
});
