export { demoSignInModule as default } from './module';
