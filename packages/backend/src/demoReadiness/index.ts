export { demoReadinessModule as default } from './module';
