export { ReadinessBoard } from './ReadinessBoard';
