import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { MediaError } from './media-error.ts';
import { runTool, type SpawnFn } from './spawn.ts';

/** Where a binary came from: explicit env override, the system PATH, or an npm package. */
export type ToolSource = 'env' | 'path' | 'npm';

export type MediaTools = {
  ffmpeg: string;
  ffprobe: string;
  ffmpegSource: ToolSource;
  ffprobeSource: ToolSource;
};

/** Dependencies shared by every media call; all optional so callers pass only what they change. */
export type MediaDeps = {
  /** Environment used for binary discovery. @default process.env */
  env?: NodeJS.ProcessEnv | undefined;
  /** Child-process spawner. @default node's spawn */
  spawn?: SpawnFn | undefined;
  /** Pre-resolved binaries; skips discovery. */
  tools?: MediaTools | undefined;
};

const NPM_PACKAGES = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' } as const;
const ENV_NAMES = { ffmpeg: 'CLIPBENCH_FFMPEG', ffprobe: 'CLIPBENCH_FFPROBE' } as const;

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function findInNpmPackage(name: keyof typeof NPM_PACKAGES): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const found = require(NPM_PACKAGES[name]) as { path?: unknown };
    return typeof found.path === 'string' && isExecutableFile(found.path) ? found.path : undefined;
  } catch {
    // The installer packages are optional dependencies and throw a plain string when absent.
    return undefined;
  }
}

/** Finds one binary: env override (must exist), then PATH, then the npm installer package. */
export function findTool(
  name: keyof typeof ENV_NAMES,
  env: NodeJS.ProcessEnv = process.env,
): { path: string; source: ToolSource } {
  const override = env[ENV_NAMES[name]];
  if (override !== undefined && override !== '') {
    // An explicit override that is wrong is an error, not a reason to silently pick another binary.
    if (!isExecutableFile(override)) {
      throw new MediaError({
        code: 'media_tool_missing',
        message: `${ENV_NAMES[name]} points to ${override}, which is not an executable file`,
        hint: `fix or unset ${ENV_NAMES[name]}`,
      });
    }
    return { path: override, source: 'env' };
  }
  const onPath = findOnPath(name, env);
  if (onPath !== undefined) return { path: onPath, source: 'path' };
  const fromNpm = findInNpmPackage(name);
  if (fromNpm !== undefined) return { path: fromNpm, source: 'npm' };
  throw new MediaError({
    code: 'media_tool_missing',
    message: `${name} was not found (checked ${ENV_NAMES[name]}, PATH and ${NPM_PACKAGES[name]})`,
    hint: `install ffmpeg (apt-get install ffmpeg), run npm ci with optional dependencies, or set ${ENV_NAMES[name]}`,
  });
}

/** Resolves ffmpeg and ffprobe. Cheap (file-system checks only), so it is not cached. */
export function resolveMediaTools(deps: MediaDeps = {}): MediaTools {
  if (deps.tools !== undefined) return deps.tools;
  const env = deps.env ?? process.env;
  const ffmpeg = findTool('ffmpeg', env);
  const ffprobe = findTool('ffprobe', env);
  return {
    ffmpeg: ffmpeg.path,
    ffprobe: ffprobe.path,
    ffmpegSource: ffmpeg.source,
    ffprobeSource: ffprobe.source,
  };
}

/** What the chosen ffmpeg can do. Optional filters are reported, never required. */
export type MediaCapabilities = {
  tools: MediaTools;
  version: string;
  decodeH264: boolean;
  encodeLibx264: boolean;
  /** Filters that only some builds have (the npm 4.1 build lacks scdet and blurdetect). */
  filters: { scdet: boolean; blurdetect: boolean; freezedetect: boolean; blackdetect: boolean };
};

function listed(list: string, name: string): boolean {
  return new RegExp(`^\\s*\\S+\\s+${name}\\s`, 'm').test(list);
}

/** Asks the chosen ffmpeg what it can decode, encode and filter (three short tool runs). */
export async function checkMediaCapabilities(deps: MediaDeps = {}): Promise<MediaCapabilities> {
  const tools = resolveMediaTools(deps);
  const run = (flag: string) =>
    runTool(tools.ffmpeg, ['-hide_banner', flag], { spawn: deps.spawn, timeoutMs: 20_000 });
  const [version, decoders, encoders, filters] = await Promise.all([
    run('-version'),
    run('-decoders'),
    run('-encoders'),
    run('-filters'),
  ]);
  return {
    tools,
    version: version.stdout.split('\n')[0]?.trim() ?? 'unknown',
    decodeH264: listed(decoders.stdout, 'h264'),
    encodeLibx264: listed(encoders.stdout, 'libx264'),
    filters: {
      scdet: listed(filters.stdout, 'scdet'),
      blurdetect: listed(filters.stdout, 'blurdetect'),
      freezedetect: listed(filters.stdout, 'freezedetect'),
      blackdetect: listed(filters.stdout, 'blackdetect'),
    },
  };
}

/** Throws `media_tool_missing` unless the chosen ffmpeg decodes h264 and encodes libx264. */
export async function assertMediaCapabilities(deps: MediaDeps = {}): Promise<MediaCapabilities> {
  const caps = await checkMediaCapabilities(deps);
  const missing = [
    caps.decodeH264 ? null : 'h264 decoder',
    caps.encodeLibx264 ? null : 'libx264 encoder',
  ].filter((item): item is string => item !== null);
  if (missing.length > 0) {
    throw new MediaError({
      code: 'media_tool_missing',
      message: `${caps.tools.ffmpeg} lacks ${missing.join(' and ')}`,
      hint: 'install a full ffmpeg build (apt-get install ffmpeg) or set CLIPBENCH_FFMPEG',
    });
  }
  return caps;
}
