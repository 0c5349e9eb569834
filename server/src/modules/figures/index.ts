export { countOverdueTips, countTipFigures, countTipsByMonthUnitCategory, countTipsByWard, type TipFigures } from './tip.figures.ts';
