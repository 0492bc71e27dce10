/**
 * The Replicate provider factory for the registry: capabilities and prices without credentials,
 * and `create` reading `REPLICATE_API_TOKEN` (required, secret), `REPLICATE_BASE_URL`,
 * `REPLICATE_CANCEL_AFTER_S` and `REPLICATE_PREFER_WAIT_S` (optional).
 */
import { InputError } from '../../errors/input-error.ts';
import type { ProviderFactory } from '../provider.ts';
import { REPLICATE_CAPABILITIES, REPLICATE_PRICE_TABLE } from './capabilities.ts';
import { createReplicateClient, REPLICATE_PROVIDER_ID } from './client.ts';
import { estimateReplicateCost } from './map.ts';

export const replicateProvider: ProviderFactory = {
  id: REPLICATE_PROVIDER_ID,
  description: 'Replicate predictions API — Kling v2.1 / v2.5-turbo-pro / v2.6 (kwaivgi/*)',
  capabilities: REPLICATE_CAPABILITIES,
  priceTable: REPLICATE_PRICE_TABLE,
  configKeys: [
    { name: 'REPLICATE_API_TOKEN', required: true, secret: true },
    { name: 'REPLICATE_BASE_URL', required: false, secret: false },
    { name: 'REPLICATE_CANCEL_AFTER_S', required: false, secret: false },
    { name: 'REPLICATE_PREFER_WAIT_S', required: false, secret: false },
  ],
  estimateCost: estimateReplicateCost,
  create(config, deps) {
    const token = config['REPLICATE_API_TOKEN'];
    if (token === undefined || token === '')
      throw new InputError({
        code: 'missing_credentials',
        field: 'REPLICATE_API_TOKEN',
        message: 'Replicate needs REPLICATE_API_TOKEN (from replicate.com/account/api-tokens)',
        hint: 'export REPLICATE_API_TOKEN=… or put it in the config file you pass with --config',
      });
    return createReplicateClient(config, deps, token);
  },
};
