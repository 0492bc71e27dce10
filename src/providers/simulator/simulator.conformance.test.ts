import { VideoRequestSchema } from '../../contract/request.ts';
import { describeConformance } from '../conformance.ts';
import { createSimulatorProvider } from './client.ts';
import { type SimulatorController, startSimulatorController } from './control.ts';
import { settingsFromConfig } from './settings.ts';

describeConformance({
  providerId: 'simulator',
  startFake: startSimulatorController,
  createProvider: (fake, deps) =>
    createSimulatorProvider({
      settings: settingsFromConfig(fake.config),
      deps,
      control: (fake as SimulatorController).control,
    }),
  // Tiny clips (114×64, 1 s at 12 fps) keep every render in the tens of milliseconds.
  request: VideoRequestSchema.parse({
    identity: { prompt: 'a red ceramic mug on a wooden table, studio light' },
    camera: { intent: 'slow push-in' },
    output: { duration_s: 1, fps: 12 },
    provider: { id: 'simulator', options: { render_short_side_px: 64 } },
  }),
  skip: {
    malformed_json:
      'the simulator runs in-process: there is no wire format, so no response body can be malformed',
    malformed_shape:
      'the simulator runs in-process: there is no wire format, so no response body can have the wrong shape',
  },
});
