import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '@/api/client'
import type { StreamBatch, Sweep } from '@/api/types'

/** The sweeps list, sweep actions and submission of new sweeps. */
export const useSweepsStore = defineStore('sweeps', () => {
  const byId = ref(new Map<string, Sweep>())
  const loading = ref(false)
  const error = ref<string | null>(null)

  const list = computed(() =>
    [...byId.value.values()].sort(
      (a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0) || b.id.localeCompare(a.id),
    ),
  )

  async function load() {
    loading.value = true
    try {
      const sweeps = await api.sweeps()
      byId.value = new Map(sweeps.map((s) => [s.id, s]))
      error.value = null
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  async function loadOne(id: string): Promise<Sweep> {
    const s = await api.sweep(id)
    byId.value.set(id, s)
    return s
  }

  async function act(id: string, action: 'cancel' | 'pause' | 'resume') {
    await api.sweepAction(id, action)
    await loadOne(id)
  }

  /** Submits a sweep file; throws the server's ApiError (with per-field details) on refusal. */
  async function create(yamlText: string): Promise<string> {
    const id = await api.createSweep(yamlText)
    await loadOne(id).catch(() => undefined)
    return id
  }

  function applyStates(updates: readonly StreamBatch['sweeps'][number][]) {
    for (const u of updates) {
      const s = byId.value.get(u.id)
      if (s) s.state = u.state
    }
  }

  /** Recounts a sweep's trial states from the trials the page knows. */
  function setCounts(id: string, counts: Record<string, number>) {
    const s = byId.value.get(id)
    if (s) s.counts = counts
  }

  return { byId, list, loading, error, load, loadOne, act, create, applyStates, setCounts }
})
