export {
  findActiveBlocks,
  findActiveWards,
  findSubtreeIds,
  findUnitByCodeInScope,
  findUnitById,
  findUnitInScope,
  findWardByCode,
  findWardUnitChoices,
  insertUnit,
  likePattern,
  type NewUnitInput,
  replacePredecessors,
  resolveUnitScope,
  type UnitChoice,
  type UnitRecord,
} from './unit.repository.ts';
export { registerUnitRoutes } from './unit.routes.ts';
export { createUnit, getUnit, listUnits, updateUnit } from './unit.service.ts';
export { units } from './unit.table.ts';
