/**
 * Bytes a piece of work allocates on the JS heap, garbage included, measured with V8's
 * sampling heap profiler (`HeapProfiler.startSampling` over `node:inspector`).
 *
 * The profiler samples about one allocation per `samplingInterval` bytes and scales each
 * sample back up (the `selfSize` of its profile nodes), so the sum of `selfSize` estimates
 * every byte allocated. By default it forgets samples whose objects died, which would
 * measure only what survives; `includeObjectsCollectedByMajorGC` and
 * `includeObjectsCollectedByMinorGC` (in Node 20's protocol) keep them, so short-lived
 * garbage — the thing pooling is meant to avoid — is counted too. Typed-array *backing
 * stores* are not on the JS heap and are not counted (pool columns are counted separately).
 * @module
 */
import { Session } from "node:inspector/promises";

/** One allocation sample per this many bytes on average: small enough for KiB-sized renders. */
const SAMPLING_INTERVAL_BYTES = 512;

interface ProfileNode {
  selfSize: number;
  children: ProfileNode[];
}

function totalSelfSize(node: ProfileNode): number {
  let sum = node.selfSize;
  for (const child of node.children) sum += totalSelfSize(child);
  return sum;
}

/** How much profiling to do: at least `minRuns` calls and `minMs` of work, at most `maxRuns` calls. */
export interface ProfilePlan {
  minRuns: number;
  minMs: number;
  maxRuns: number;
}

/** Runs `work` under the profiler as the plan says; returns total sampled bytes and calls. */
async function profiled(
  session: Session,
  work: () => unknown,
  plan: ProfilePlan,
  samplingInterval: number,
): Promise<{ bytes: number; calls: number }> {
  await session.post("HeapProfiler.startSampling", {
    samplingInterval,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  let calls = 0;
  const until = performance.now() + plan.minMs;
  // The clock is read on every iteration, so that the loop's own cost per call is the same
  // in the calibration run (which stops on the call count).
  while (calls < plan.maxRuns) {
    const now = performance.now();
    if (calls >= plan.minRuns && now >= until) break;
    work();
    calls++;
  }
  const { profile } = (await session.post("HeapProfiler.stopSampling")) as { profile: { head: ProfileNode } };
  return { bytes: totalSelfSize(profile.head), calls };
}

/** Empty work, to measure what the profiling loop itself allocates per call. */
const nothing = () => undefined;

/**
 * Runs `work` repeatedly under the sampling heap profiler and returns the estimated JS heap
 * bytes allocated per call, and how many calls were profiled. The loop's own allocation
 * (about 16 bytes per call: the clock reading) is measured with empty work and
 * subtracted. Run it after warm-up: code that V8 has not optimised yet allocates more (no
 * escape analysis). `samplingInterval` (bytes per sample on average) may be raised for
 * work that allocates hundreds of MB per call, where 512 B only costs time.
 */
export async function jsHeapBytesPerCall(
  work: () => unknown,
  plan: ProfilePlan,
  samplingInterval = SAMPLING_INTERVAL_BYTES,
): Promise<{ bytesPerCall: number; calls: number }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("HeapProfiler.enable");
    const measured = await profiled(session, work, plan, samplingInterval);
    const calls = Math.min(measured.calls, 200_000);
    const loop = await profiled(
      session,
      nothing,
      { minRuns: calls, minMs: 0, maxRuns: calls },
      samplingInterval,
    );
    await session.post("HeapProfiler.disable");
    return { bytesPerCall: measured.bytes / measured.calls - loop.bytes / loop.calls, calls: measured.calls };
  } finally {
    session.disconnect();
  }
}
