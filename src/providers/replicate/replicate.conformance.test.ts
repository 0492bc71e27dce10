import { VideoRequestSchema } from '../../contract/request.ts';
import { startReplicateFake } from '../../fakes/replicate/replicate-fake.ts';
import { describeConformance } from '../conformance.ts';
import { replicateProvider } from './factory.ts';

const NO_KEY = 'Replicate has no idempotency key and no lookup by caller id';

describeConformance({
  providerId: 'replicate',
  startFake: (options) => startReplicateFake(options),
  createProvider: (fake, deps) => replicateProvider.create(fake.config, deps),
  request: VideoRequestSchema.parse({
    identity: { prompt: 'a paper boat on a pond' },
    camera: { intent: 'gentle push-in' },
    provider: { id: 'replicate', model: 'kwaivgi/kling-v2.5-turbo-pro' },
  }),
  skip: {
    find_by_job_key: `${NO_KEY}: findByJobKey always returns null`,
    duplicate_submit: `${NO_KEY}: a second create is a second paid prediction, so the runner never calls it twice (journal first)`,
    lost_response_recovery: `${NO_KEY}: a lost create answer cannot be recovered; it ends as a non-retryable "outcome unknown" error (tested in client.test.ts)`,
    dropped_connection: `${NO_KEY}: a dropped create is ambiguous, so it is not retried (tested in client.test.ts); status drops are retried`,
  },
});
