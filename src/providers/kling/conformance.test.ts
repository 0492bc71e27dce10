import { VideoRequestSchema } from '../../contract/request.ts';
import { startKlingFake } from '../../fakes/kling/server.ts';
import { describeConformance } from '../conformance.ts';
import { klingProviderFactory } from './factory.ts';

describeConformance({
  providerId: 'kling',
  startFake: startKlingFake,
  createProvider: (fake, deps) => klingProviderFactory.create(fake.config, deps),
  request: VideoRequestSchema.parse({
    identity: { prompt: 'a red ceramic mug on a wooden table, studio light' },
    camera: { intent: 'slow push-in' },
    provider: { id: 'kling', model: 'kling-v2-5-turbo' },
  }),
});
