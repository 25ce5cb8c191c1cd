// jest-runner-proxy: Jest resolves `--runner proxy` (and `"runner": "proxy"`) to a package of this
// name, as `"runner": "groups"` finds jest-runner-groups. It is proxy-component's own runner.
export { default } from 'proxy-component/jest/runner';
