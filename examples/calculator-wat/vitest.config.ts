// Every traces/*.trace file here is a Vitest test file, one test per export call:
//   npm run build:examples && npx vitest run --root examples/calculator-wat
// Each trace names its component in its header (componentPath: ../build/...).
import { configDefaults, defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({
  plugins: [proxy()],
  // build/ holds outputs, such as the trace `npm run demo` records: not tests of this example.
  test: { exclude: [...configDefaults.exclude, 'build/**'] },
});
