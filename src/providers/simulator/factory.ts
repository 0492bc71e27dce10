/** The simulator provider factory: the offline default, configured without any credentials. */
import type { ProviderFactory } from '../provider.ts';
import { SIMULATOR_CAPABILITIES } from './capabilities.ts';
import { createSimulatorProvider } from './client.ts';
import { SIMULATOR_PRICE_TABLE, simulatorCost } from './prices.ts';
import { SIMULATOR_CONFIG_KEYS, settingsFromConfig } from './settings.ts';

export const simulatorProviderFactory: ProviderFactory = {
  id: 'simulator',
  description:
    'offline simulator (SIMULATED clips): renders the requested camera move over a reference or procedural scene, artifacts grow past a sweet spot',
  capabilities: SIMULATOR_CAPABILITIES,
  priceTable: SIMULATOR_PRICE_TABLE,
  configKeys: SIMULATOR_CONFIG_KEYS.map((name) => ({ name, required: false, secret: false })),
  estimateCost: simulatorCost,
  create(config, deps) {
    return createSimulatorProvider({ settings: settingsFromConfig(config), deps });
  },
};
