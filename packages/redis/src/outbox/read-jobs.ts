import { QcloudMailError } from '@qcloudmail/core';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { redisError } from '../connection.js';
import { decodeFailure } from './job-errors.js';
import type { OutboxCounts, OutboxJob, OutboxSendResult } from './outbox-types.js';
import type { OutboxJobData } from './process-job.js';

/** The outbox's read side and the settling of unknown outcomes. */
export interface JobReader {
  counts(): Promise<OutboxCounts>;
  getJob(id: string): Promise<OutboxJob | undefined>;
  listUnknown(): Promise<OutboxJob[]>;
  resolveUnknown(id: string, action: 'resend' | 'drop'): Promise<void>;
}

const STATES: ReadonlyArray<OutboxJob['state']> = ['waiting', 'active', 'delayed', 'completed', 'failed'];

function viewState(state: string, unknown: boolean): OutboxJob['state'] {
  if (state === 'failed' && unknown) return 'unknown';
  if (state === 'prioritized' || state === 'waiting-children') return 'waiting';
  return STATES.includes(state as OutboxJob['state']) ? (state as OutboxJob['state']) : 'waiting';
}

async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof QcloudMailError) throw error;
    throw redisError(what, error);
  }
}

/** Reads jobs of `queue`; `unknownKey` is the set of ids whose outcome is unknown (R19). */
export function createJobReader(queue: Queue<OutboxJobData>, redis: Redis, unknownKey: string): JobReader {
  const view = async (job: Job<OutboxJobData>, unknown: boolean): Promise<OutboxJob> => {
    const state = viewState(await job.getState(), unknown);
    const out: OutboxJob = {
      id: job.id ?? '',
      state,
      attemptsMade: job.attemptsMade,
      enqueuedAt: job.data.enqueuedAt,
    };
    if (state === 'completed' && job.returnvalue !== null && job.returnvalue !== undefined) {
      out.result = job.returnvalue as OutboxSendResult;
    }
    const error = decodeFailure(job.failedReason);
    if (error !== undefined) out.error = error;
    return out;
  };

  const getJob = (id: string): Promise<OutboxJob | undefined> =>
    guarded('Reading an outbox job', async () => {
      const job = await queue.getJob(id);
      if (job === undefined || job === null) return undefined;
      return view(job, (await redis.sismember(unknownKey, id)) === 1);
    });

  return {
    counts: () =>
      guarded('Counting outbox jobs', async () => {
        const [counts, unknown] = await Promise.all([
          queue.getJobCounts('waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'completed', 'failed'),
          redis.scard(unknownKey),
        ]);
        const n = (state: string): number => counts[state] ?? 0;
        return {
          waiting: n('waiting') + n('prioritized') + n('waiting-children'),
          active: n('active'),
          delayed: n('delayed'),
          completed: n('completed'),
          failed: Math.max(0, n('failed') - unknown),
          unknown,
        };
      }),

    getJob,

    listUnknown: () =>
      guarded('Listing outbox jobs of unknown outcome', async () => {
        const ids = await redis.smembers(unknownKey);
        const jobs = await Promise.all(ids.map((id) => getJob(id)));
        const gone = ids.filter((_, index) => jobs[index] === undefined);
        // Jobs removed since (by age) are no longer anyone's to settle.
        if (gone.length > 0) await redis.srem(unknownKey, ...gone);
        return jobs.filter((job): job is OutboxJob => job !== undefined).sort((a, b) => a.enqueuedAt - b.enqueuedAt);
      }),

    resolveUnknown: (id, action) =>
      guarded('Settling an outbox job of unknown outcome', async () => {
        if ((await redis.sismember(unknownKey, id)) !== 1) {
          throw new QcloudMailError({
            code: 'CONFIGURATION',
            message: `Outbox job ${id} is not waiting for a decision about an unknown outcome`,
          });
        }
        if (action === 'resend') {
          const job = await queue.getJob(id);
          await job?.retry('failed');
        }
        await redis.srem(unknownKey, id);
      }),
  };
}
