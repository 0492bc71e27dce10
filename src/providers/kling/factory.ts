/** The Kling provider factory: config names, capabilities and prices, without credentials. */
import { InputError } from '../../errors/input-error.ts';
import { registerSecret } from '../../errors/redact.ts';
import type { ProviderFactory } from '../provider.ts';
import { KLING_CAPABILITIES } from './capabilities.ts';
import { createKlingClient, estimateKlingCost, KLING_DEFAULT_BASE_URL } from './client.ts';
import { KLING_PRICE_TABLE } from './prices.ts';

export const klingProviderFactory: ProviderFactory = {
  id: 'kling',
  description: 'Kling AI official API (JWT auth; text2video, image2video, motion-control)',
  capabilities: KLING_CAPABILITIES,
  priceTable: KLING_PRICE_TABLE,
  configKeys: [
    { name: 'KLING_ACCESS_KEY', required: true, secret: true },
    { name: 'KLING_SECRET_KEY', required: true, secret: true },
    { name: 'KLING_BASE_URL', required: false, secret: false },
  ],
  estimateCost: estimateKlingCost,
  create(config, deps) {
    const accessKey = config['KLING_ACCESS_KEY'];
    const secretKey = config['KLING_SECRET_KEY'];
    for (const [name, value] of [
      ['KLING_ACCESS_KEY', accessKey],
      ['KLING_SECRET_KEY', secretKey],
    ] as const)
      if (value === undefined || value === '')
        throw new InputError({
          code: 'missing_credentials',
          field: name,
          message: `kling needs ${name}`,
          hint: 'set it in the environment or in the config file named by CLIPBENCH_CONFIG',
        });
    registerSecret(accessKey);
    registerSecret(secretKey);
    return createKlingClient(
      {
        accessKey: accessKey!,
        secretKey: secretKey!,
        baseUrl: config['KLING_BASE_URL'] || KLING_DEFAULT_BASE_URL,
      },
      deps,
    );
  },
};
