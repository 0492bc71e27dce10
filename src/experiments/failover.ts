/**
 * The preset's failover, as a pure step: given a failed job's request and how many failovers its
 * chain already used, the next request to try (lower motion_score, shorter duration, and on the
 * last attempt the fallback provider/model) and the reason logged on the linked job. Null when the
 * chain is exhausted or the failover would not change anything.
 */
import type { Preset } from '../contract/preset.ts';
import type { VideoRequest } from '../contract/request.ts';

export type FailoverSettings = Preset['failover'];

export type FailoverStep = { request: VideoRequest; reason: string };

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * `attempt` is 1 for the first failover of an original job. Attempts below `max_attempts` lower
 * motion_score and shorten the clip; attempt `max_attempts` also switches to the fallback (the
 * preset says: fallback after the retries above fail).
 */
export function failoverStep(
  request: VideoRequest,
  settings: FailoverSettings,
  attempt: number,
  why: string,
): FailoverStep | null {
  if (attempt > settings.max_attempts) return null;
  const changes: string[] = [];
  let next: VideoRequest = request;
  const motion = request.motion.motion_score;
  if (settings.lower_motion_score_by > 0 && motion > 0) {
    const lowered = round(Math.max(0, motion - settings.lower_motion_score_by));
    next = { ...next, motion: { ...next.motion, motion_score: lowered } };
    changes.push(`motion_score ${motion} → ${lowered}`);
  }
  const shorter = settings.shorter_duration_s;
  if (shorter !== undefined && shorter < request.output.duration_s) {
    next = { ...next, output: { ...next.output, duration_s: shorter } };
    changes.push(`duration ${request.output.duration_s} s → ${shorter} s`);
  }
  const fallback = settings.fallback;
  if (attempt === settings.max_attempts && fallback !== undefined) {
    const sameProvider = fallback.provider === request.provider.id;
    const model = fallback.model ?? (sameProvider ? request.provider.model : undefined);
    if (!sameProvider || model !== request.provider.model) {
      next = {
        ...next,
        provider: {
          id: fallback.provider,
          ...(model === undefined ? {} : { model }),
          // Options are provider-specific: they do not carry over to another provider.
          options: sameProvider ? next.provider.options : {},
        },
      };
      changes.push(`fallback ${fallback.provider}${model ? `:${model}` : ''}`);
    }
  }
  if (changes.length === 0) return null;
  return {
    request: next,
    reason: `failover ${attempt}/${settings.max_attempts} after ${why}: ${changes.join(', ')}`,
  };
}
