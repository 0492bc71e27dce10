/**
 * The fal provider factory for the registry: capabilities and prices without credentials, and
 * `create` that reads `FAL_KEY` (required, secret) and `FAL_QUEUE_URL` (optional).
 */
import { InputError } from '../../errors/input-error.ts';
import type { ProviderFactory } from '../provider.ts';
import { FAL_CAPABILITIES, FAL_PRICE_TABLE } from './capabilities.ts';
import { createFalClient, FAL_PROVIDER_ID } from './client.ts';
import { estimateFalCost } from './map.ts';

export const falProvider: ProviderFactory = {
  id: FAL_PROVIDER_ID,
  description: 'fal.ai queue API — Kling v2.1 / v2.5-turbo / v2.6 text, image and motion-control endpoints',
  capabilities: FAL_CAPABILITIES,
  priceTable: FAL_PRICE_TABLE,
  configKeys: [
    { name: 'FAL_KEY', required: true, secret: true },
    { name: 'FAL_QUEUE_URL', required: false, secret: false },
  ],
  estimateCost: estimateFalCost,
  create(config, deps) {
    const key = config['FAL_KEY'];
    if (key === undefined || key === '')
      throw new InputError({
        code: 'missing_credentials',
        field: 'FAL_KEY',
        message: 'fal needs FAL_KEY (an API key from fal.ai/dashboard/keys)',
        hint: 'export FAL_KEY=… or put it in the config file you pass with --config',
      });
    return createFalClient(config, deps, key);
  },
};
