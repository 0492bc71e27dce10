import { VideoRequestSchema } from '../../contract/request.ts';
import { startFalFake } from '../../fakes/fal/fal-fake.ts';
import { describeConformance } from '../conformance.ts';
import { falProvider } from './factory.ts';

const NO_KEY = 'fal has no idempotency key and no lookup by caller id';

describeConformance({
  providerId: 'fal',
  startFake: (options) => startFalFake(options),
  createProvider: (fake, deps) => falProvider.create(fake.config, deps),
  request: VideoRequestSchema.parse({
    identity: { prompt: 'a red kite over a beach' },
    camera: { intent: 'slow pan right' },
    provider: { id: 'fal', model: 'kling-v2.5-turbo-standard' },
  }),
  skip: {
    find_by_job_key: `${NO_KEY}: findByJobKey always returns null`,
    duplicate_submit: `${NO_KEY}: a second submit creates a second paid task, so the runner never calls it twice (journal first)`,
    lost_response_recovery: `${NO_KEY}: a lost submit answer cannot be recovered; it ends as a non-retryable "outcome unknown" error (tested in client.test.ts)`,
    dropped_connection: `${NO_KEY}: a dropped submit is ambiguous, so it is not retried (tested in client.test.ts); status drops are retried`,
  },
});
