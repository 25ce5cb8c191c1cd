// The model-based test of the counter (counter.test.ts); no plugin needed: it uses
// proxy-component/vitest/property, which needs @fast-check/vitest installed beside vitest.
//   npm run build:examples && npx vitest run --root examples/model-based
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({ test: { exclude: [...configDefaults.exclude, 'build/**'], testTimeout: 60_000 } });
