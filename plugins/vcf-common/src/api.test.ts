import {
  INVENTORY_ROW_ID_PATTERN,
  inventoryRowId,
  splitInventoryRowId,
} from './api';

describe('inventoryRowId', () => {
  it('writes the id that INVENTORY_ROW_ID_PATTERN and splitInventoryRowId read back into its vCenter and moref', () => {
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
      expect(splitInventoryRowId(id)).toEqual({ vcenterId, moref });
    }
  });

  it('splits nothing that is not a row id', () => {
    for (const text of ['vm-42', ':vm-42', 'vc-01:', '-vc:vm-1', 'vc 01:vm-1'])
      expect(splitInventoryRowId(text)).toBeUndefined();
  });
});
