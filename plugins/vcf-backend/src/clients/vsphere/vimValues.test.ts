import { parseVimXml } from './vimXmlParser';
import { readArrayOf } from './vimValues';

function valOf(xml: string) {
  return (parseVimXml(xml) as any).val;
}

describe('readArrayOf', () => {
  it('reads the items of an array value', () => {
    const val = valOf(
      '<val xsi:type="ArrayOfAlarmState"><AlarmState><key>a</key></AlarmState><AlarmState><key>b</key></AlarmState></val>',
    );
    expect(readArrayOf(val, 'AlarmState').map((s: any) => s.key)).toEqual([
      'a',
      'b',
    ]);
  });

  it('reads one item as a list of one', () => {
    const val = valOf(
      '<val xsi:type="ArrayOfAlarmState"><AlarmState><key>a</key></AlarmState></val>',
    );
    expect(readArrayOf(val, 'AlarmState')).toHaveLength(1);
  });

  it('reads an empty array value as no items, not as one empty item', () => {
    expect(
      readArrayOf(valOf('<val xsi:type="ArrayOfAlarmState"/>'), 'AlarmState'),
    ).toEqual([]);
    expect(
      readArrayOf(
        valOf('<val xsi:type="ArrayOfAlarmState"></val>'),
        'AlarmState',
      ),
    ).toEqual([]);
    expect(readArrayOf(undefined, 'AlarmState')).toEqual([]);
  });
});
