/**
 * componentize-py, the Python toolchain of examples/http-handler, at pinned
 * versions: found in .tools/componentize-py (where scripts/setup-interpreters.sh
 * installs its version) or .tools/componentize-py-<version>, installed there
 * from PyPI on first use. A build tool, not a dependency of the package.
 *
 * componentize-py writes `__pycache__` next to the modules it imports, so a
 * build runs on a copy of its sources in a temporary folder.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/** Where a version is installed, relative to .tools: setup-interpreters.sh's folder first. */
function candidates(tools: string, version: string): string[] {
  return [join(tools, 'componentize-py'), join(tools, `componentize-py-${version}`)];
}

/** The folder holding componentize-py `version` (its PYTHONPATH), installed into `tools` when missing. */
export async function componentizePy(tools: string, version: string): Promise<string> {
  const installed = candidates(tools, version).find((folder) => existsSync(join(folder, `componentize_py-${version}.dist-info`)));
  if (installed !== undefined) return installed;
  const target = join(tools, `componentize-py-${version}`);
  // Installed beside, then renamed into place: a build running at the same time never sees half of it.
  await mkdir(tools, { recursive: true });
  const staging = await mkdtemp(join(tools, `.componentize-py-${version}-`));
  try {
    await execa('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--root-user-action=ignore', '--no-deps', '--target', staging, `componentize-py==${version}`], {
      stdio: 'inherit',
    });
    const marker = join(target, `componentize_py-${version}.dist-info`);
    // Another build may have installed it meanwhile; a folder without the marker is a broken install.
    if (!existsSync(marker)) {
      await rm(target, { recursive: true, force: true });
      await rename(staging, target).catch((error: unknown) => {
        if (!existsSync(marker)) throw error;
      });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

export interface PythonBuild {
  /** The tools folder (.tools) and the componentize-py version. */
  readonly tools: string;
  readonly version: string;
  /** The folder of the Python sources, and the files of it the build reads. */
  readonly sourceDir: string;
  readonly files: readonly string[];
  /** The Python module that defines the exports. */
  readonly module: string;
  /** The WIT folder and world. */
  readonly wit: string;
  readonly world: string;
}

/** Builds a component with componentize-py; returns its bytes. */
export async function buildPythonComponent(build: PythonBuild): Promise<Uint8Array> {
  const tool = await componentizePy(build.tools, build.version);
  const stage = await mkdtemp(join(tmpdir(), 'pc-componentize-py-'));
  try {
    for (const file of build.files) await cp(join(build.sourceDir, file), join(stage, file));
    const output = join(stage, 'component.wasm');
    await execa('python3', [join(tool, 'bin', 'componentize-py'), '-q', '-d', build.wit, '-w', build.world, 'componentize', '-p', stage, build.module, '-o', output], {
      env: { PYTHONPATH: tool },
      cwd: stage,
    });
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
