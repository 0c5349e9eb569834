export { type DemoLogin, formatDemoLogins, isDatabaseEmpty, loadDemo } from './demo.seed.ts';
