import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, authHeaders } from '@/api/client'
import type { StreamBatch } from '@/api/types'
import { openStream, type StreamHandle, type StreamState } from '@/stream/sse'
import { useMetricsStore } from './metrics'
import { useSweepsStore } from './sweeps'
import { useTrialsStore } from './trials'

/**
 * Routes the live stream of one sweep into the stores: metric points to the metrics store, trial
 * and sweep states to theirs. Trials first seen in the stream are loaded; results are reloaded
 * (at most every few seconds) when trials finish.
 */
export const useLiveStore = defineStore('live', () => {
  const state = ref<StreamState>('closed')
  const lastError = ref<string | null>(null)
  const lastEventId = ref<string | null>(null)
  const sweepId = ref<string | null>(null)
  const batches = ref(0)
  /** How many times the stream has opened (more than once: it reconnected). */
  const opens = ref(0)
  let handle: StreamHandle | null = null
  let resultsTimer: ReturnType<typeof setTimeout> | null = null

  /** Applies batches as the stream delivers them; exported for tests and the bench. */
  function apply(list: readonly StreamBatch[]) {
    const metrics = useMetricsStore()
    const trials = useTrialsStore()
    const sweeps = useSweepsStore()
    const points = list.flatMap((b) => b.metrics)
    if (points.length) metrics.ingest(points)
    const { unknown, finished } = trials.applyStates(list.flatMap((b) => b.trials))
    sweeps.applyStates(list.flatMap((b) => b.sweeps))
    for (const id of unknown) void trials.loadTrial(id).catch(() => undefined)
    const sid = sweepId.value
    if (sid) {
      if (unknown.length === 0) sweeps.setCounts(sid, trials.countStates(sid))
      if (finished || list.some((b) => b.sweeps.length > 0)) scheduleResults(sid)
    }
    batches.value += list.length
    const last = list[list.length - 1]
    if (last?.id != null) lastEventId.value = String(last.id)
  }

  /**
   * Reloads the sweep's summary and trials (their documents hold the results) a second after
   * trials finish. A finished trial with no outcome yet (its result is stored just after its
   * state), or whose stored state lags the stream's, is asked for again, a few times, with growing
   * delays.
   */
  function scheduleResults(sid: string, attempt = 0) {
    if (resultsTimer) return
    resultsTimer = setTimeout(
      async () => {
        resultsTimer = null
        const trials = useTrialsStore()
        void useSweepsStore()
          .loadOne(sid)
          .catch(() => undefined)
        try {
          // the finished trials' documents: their results, when they ended, their errors, the
          // rung they stopped at (the results table is built from them)
          const streamed = new Map([...trials.byId.values()].map((t) => [t.id, t.state]))
          const list = await trials.loadSweep(sid)
          const pending = list.some(
            (t) =>
              (t.state === 'completed' && t.testAccuracy === null && t.bestValAccuracy === null) ||
              (streamed.has(t.id) && streamed.get(t.id) !== t.state),
          )
          if (pending && attempt < 5 && sweepId.value === sid) scheduleResults(sid, attempt + 1)
        } catch {
          // the next finished trial schedules another try
        }
      },
      1000 * (attempt + 1),
    )
  }

  function connect(id: string) {
    if (sweepId.value === id && handle) return
    disconnect()
    sweepId.value = id
    opens.value = 0
    handle = openStream(api.eventsUrl(id), {
      headers: authHeaders(),
      onBatches: apply,
      onReset: () => void reload(id),
      onError: (message) => (lastError.value = message),
      onState: (s, err) => {
        state.value = s
        if (err) lastError.value = err
        else if (s === 'open') {
          lastError.value = null
          opens.value++
        }
      },
    })
  }

  /** Reloads what the stream could not replay: trials, every trial's history, results. */
  async function reload(id: string) {
    const trials = useTrialsStore()
    const metrics = useMetricsStore()
    try {
      const list = await trials.loadSweep(id)
      await metrics.reload(
        id,
        list.map((t) => t.id),
      )
      scheduleResults(id)
    } catch (e) {
      lastError.value = (e as Error).message
    }
  }

  function disconnect() {
    handle?.close()
    handle = null
    sweepId.value = null
    state.value = 'closed'
    if (resultsTimer) clearTimeout(resultsTimer)
    resultsTimer = null
  }

  return { state, lastError, lastEventId, sweepId, batches, opens, apply, connect, disconnect }
})
