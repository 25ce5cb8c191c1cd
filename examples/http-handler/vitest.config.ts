// Every traces/*.trace file here is a Vitest test file, one test per request (one
// `handle` export call each, named by its method and path):
//   npm run build:examples && npx vitest run --root examples/http-handler
// Each trace names its component in its header (componentPath: ../build/handler.wasm).
import { configDefaults, defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({
  plugins: [proxy()],
  test: { exclude: [...configDefaults.exclude, 'build/**'] },
});
