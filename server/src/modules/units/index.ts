export {
  findActiveBlocks,
  findActiveWards,
  findSubtreeIds,
  findUnitByCodeInScope,
  findUnitById,
  findUnitGeometry,
  findUnitInScope,
  findUnitsForMap,
  findWardByCode,
  findWardByCodeCached,
  findWardsBelow,
  findWardUnitChoices,
  insertUnit,
  likePattern,
  type MapUnitRow,
  type NewUnitInput,
  replacePredecessors,
  resolveUnitScope,
  resolveUnitScopeCached,
  type UnitChoice,
  type UnitRecord,
  updateUnitGeometry,
} from './unit.repository.ts';
export { registerUnitRoutes } from './unit.routes.ts';
export { createUnit, getUnit, getUnitGeometry, listUnits, setUnitGeometry, updateUnit } from './unit.service.ts';
export { units } from './unit.table.ts';
