export {
  findActiveBlocks,
  findActiveWards,
  findSubtreeIds,
  findUnitByCodeInScope,
  findUnitById,
  findUnitInScope,
  findWardByCode,
  insertUnit,
  likePattern,
  type NewUnitInput,
  replacePredecessors,
  resolveUnitScope,
  type UnitRecord,
} from './unit.repository.ts';
export { registerUnitRoutes } from './unit.routes.ts';
export { createUnit, getUnit, listUnits, updateUnit } from './unit.service.ts';
export { units } from './unit.table.ts';
