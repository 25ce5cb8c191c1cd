export { default } from 'proxy-component/jest/runner';
