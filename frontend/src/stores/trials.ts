import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api } from '@/api/client'
import type { StreamBatch, Trial } from '@/api/types'

/** Trials (state, parameters, attempts, results) of the sweeps the page shows. */
export const useTrialsStore = defineStore('trials', () => {
  const byId = shallowRef(new Map<string, Trial>())
  const version = ref(0)

  function put(trials: readonly Trial[]) {
    const next = new Map(byId.value)
    for (const t of trials) next.set(t.id, t)
    byId.value = next
    version.value++
  }

  async function loadSweep(sweepId: string): Promise<Trial[]> {
    const trials = await api.trials(sweepId)
    put(trials)
    return trials
  }

  async function loadTrial(id: string): Promise<Trial> {
    const t = await api.trial(id)
    put([t])
    return t
  }

  /**
   * The end of one attempt's log: its last `bytes` bytes, from the first whole line in them (the
   * trial page tails a running attempt's log with it).
   */
  async function loadLogTail(id: string, attempt: number, bytes = 16_384): Promise<string> {
    const text = await api.trialLog(id, attempt, bytes)
    const cut = new TextEncoder().encode(text).length >= bytes ? text.indexOf('\n') + 1 : 0
    return text.slice(cut)
  }

  async function retry(id: string) {
    await api.retry(id)
    await loadTrial(id)
  }

  /**
   * Applies state changes from the stream. Returns the ids of trials the page did not know yet
   * (the caller loads them) and whether a trial reached a final state (results changed).
   */
  function applyStates(updates: readonly StreamBatch['trials'][number][]) {
    const unknown: string[] = []
    let finished = false
    if (updates.length === 0) return { unknown, finished }
    const next = new Map(byId.value)
    for (const u of updates) {
      const t = next.get(u.id)
      if (!t) {
        unknown.push(u.id)
        continue
      }
      if (t.state !== u.state && ['completed', 'pruned', 'failed', 'cancelled'].includes(u.state)) {
        finished = true
      }
      next.set(u.id, { ...t, state: u.state, attempt: u.attempt || t.attempt })
    }
    byId.value = next
    version.value++
    return { unknown, finished }
  }

  function ofSweep(sweepId: string): Trial[] {
    return [...byId.value.values()].filter((t) => t.sweep === sweepId)
  }

  function countStates(sweepId: string): Record<string, number> {
    const c: Record<string, number> = {}
    for (const t of ofSweep(sweepId)) c[t.state] = (c[t.state] ?? 0) + 1
    return c
  }

  const count = computed(() => byId.value.size)

  return {
    byId,
    version,
    count,
    put,
    loadSweep,
    loadTrial,
    loadLogTail,
    retry,
    applyStates,
    ofSweep,
    countStates,
    csvUrl: api.resultsCsvUrl,
    reportUrl: api.sweepReportUrl,
    logUrl: api.trialLogUrl,
  }
})
