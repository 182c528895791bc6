import { INVENTORY_ROW_ID_PATTERN, inventoryRowId } from './api';

describe('inventoryRowId', () => {
  it('writes the id that INVENTORY_ROW_ID_PATTERN reads back into its vCenter and moref', () => {
    for (const [vcenterId, moref] of [
      ['vc-01', 'vm-42'],
      ['vcenter.example_1', 'host-7'],
      // Morefs are the vCenter's: a colon in one stays part of the moref.
      ['vc-02', 'snapshot-9:1'],
    ]) {
      const id = inventoryRowId(vcenterId, moref);
      expect(id).toBe(`${vcenterId}:${moref}`);
      expect(INVENTORY_ROW_ID_PATTERN.exec(id)?.slice(1)).toEqual([
        vcenterId,
        moref,
      ]);
    }
  });
});
