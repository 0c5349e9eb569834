export { countTipFigures, type TipFigures } from './tip.figures.ts';
