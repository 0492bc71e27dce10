/**
 * Provider registry: ids → factories. Settings come from the environment or from a config file the
 * user points to (`--config` / `CLIPBENCH_CONFIG`), never from a file found in the repository.
 * Summaries say whether a provider is configured and which setting is missing — never a value.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { VideoRequest } from '../contract/request.ts';
import { InputError } from '../errors/input-error.ts';
import { registerSecret } from '../errors/redact.ts';
import { systemClock, systemSleep } from '../http/timing.ts';
import { capabilityWarnings } from './capabilities.ts';
import { falProvider } from './fal/factory.ts';
import { klingProviderFactory } from './kling/factory.ts';
import type {
  Money,
  PriceEntry,
  ProviderCapabilities,
  ProviderConfig,
  ProviderDeps,
  ProviderFactory,
  VideoProvider,
} from './provider.ts';
import { replicateProvider } from './replicate/factory.ts';
import { simulatorProviderFactory } from './simulator/factory.ts';

/** Every provider, by id. One line per adapter. */
export const PROVIDER_FACTORIES: Readonly<Record<string, ProviderFactory>> = {
  fal: falProvider,
  kling: klingProviderFactory,
  replicate: replicateProvider,
  simulator: simulatorProviderFactory,
};

const SECRET_NAME = /(KEY|SECRET|TOKEN|PASSWORD)$/i;

export function providerIds(): string[] {
  return Object.keys(PROVIDER_FACTORIES).sort();
}

/** The factory for `id`; an InputError listing the known ids otherwise. */
export function getProviderFactory(id: string): ProviderFactory {
  const factory = PROVIDER_FACTORIES[id];
  if (factory === undefined)
    throw new InputError({
      code: 'unknown_provider',
      field: 'provider.id',
      message: `unknown provider \`${id}\``,
      hint: `known providers: ${providerIds().join(', ')}`,
    });
  return factory;
}

/**
 * Settings from `env`, overlaid by the user's config file (flat `NAME: value` pairs, YAML or JSON,
 * optionally under `env:`). Secret-looking values are registered for redaction at once.
 */
export async function loadProviderConfig(options: {
  env: NodeJS.ProcessEnv;
  configFile?: string | undefined;
}): Promise<ProviderConfig> {
  const file = options.configFile ?? options.env['CLIPBENCH_CONFIG'];
  const merged: Record<string, string | undefined> = { ...options.env };
  if (file !== undefined && file !== '') {
    let parsed: unknown;
    try {
      parsed = parseYaml(await readFile(file, 'utf8'));
    } catch (cause) {
      throw new InputError({
        code: 'config_unreadable',
        file,
        message: 'cannot read the provider config file',
        cause,
      });
    }
    const root = (parsed as { env?: unknown } | null)?.env ?? parsed;
    if (typeof root !== 'object' || root === null || Array.isArray(root))
      throw new InputError({
        code: 'config_invalid',
        file,
        message: 'expected NAME: value pairs (optionally under env:)',
      });
    for (const [name, value] of Object.entries(root)) {
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new InputError({
          code: 'config_invalid',
          file,
          field: name,
          message: `${name} must be a string`,
        });
      merged[name] = String(value);
    }
  }
  for (const [name, value] of Object.entries(merged)) if (SECRET_NAME.test(name)) registerSecret(value);
  return merged;
}

export type ProviderSummary = {
  id: string;
  description: string;
  configured: boolean;
  /** Names of required settings that are missing (names only, never values). */
  missing: string[];
  settings: { name: string; required: boolean; secret: boolean; set: boolean }[];
  capabilities: ProviderCapabilities;
  priceTable: readonly PriceEntry[];
};

/** What `providers list` shows: no setting value ever appears here. */
export function describeProvider(factory: ProviderFactory, config: ProviderConfig): ProviderSummary {
  const settings = factory.configKeys.map((key) => ({
    name: key.name,
    required: key.required,
    secret: key.secret,
    set: (config[key.name] ?? '') !== '',
  }));
  const missing = settings.filter((s) => s.required && !s.set).map((s) => s.name);
  return {
    id: factory.id,
    description: factory.description,
    configured: missing.length === 0,
    missing,
    settings,
    capabilities: factory.capabilities,
    priceTable: factory.priceTable,
  };
}

export function describeProviders(config: ProviderConfig): ProviderSummary[] {
  return providerIds().map((id) => describeProvider(getProviderFactory(id), config));
}

/** Real edge dependencies (global fetch, wall clock). */
export function defaultProviderDeps(): ProviderDeps {
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    clock: systemClock,
    sleep: systemSleep,
    random: Math.random,
  };
}

/** Builds a configured adapter; InputError when unknown or missing a setting. */
export function createProvider(
  id: string,
  config: ProviderConfig,
  deps: ProviderDeps = defaultProviderDeps(),
): VideoProvider {
  return getProviderFactory(id).create(config, deps);
}

/** List-price estimate for a request, by its `provider.id` (works without credentials). */
export function estimateCost(request: VideoRequest): Money {
  return getProviderFactory(request.provider.id).estimateCost(request);
}

/** Capability warnings for a request on provider `providerId` (empty for providers not registered yet). */
export function requestCapabilityWarnings(request: VideoRequest, providerId: string): string[] {
  const factory = PROVIDER_FACTORIES[providerId];
  if (factory === undefined) return [];
  return capabilityWarnings(request, factory.capabilities).map((w) => `${providerId}: ${w.message}`);
}
