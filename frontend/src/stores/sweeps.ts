import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '@/api/client'
import { paged } from '@/api/paged'
import type { StreamBatch, Sweep, SweepEdit } from '@/api/types'

/** The sweeps list, sweep actions and submission of new sweeps. */
export const useSweepsStore = defineStore('sweeps', () => {
  const byId = ref(new Map<string, Sweep>())
  const loading = ref(false)
  /** Whether the list shows archived sweeps too. */
  const showArchived = ref(false)
  /** How many of the newest sweeps the list loads (a page of the server's), and how many there are. */
  const limit = ref(100)
  const total = ref(0)
  const error = ref<string | null>(null)

  const list = computed(() =>
    [...byId.value.values()].sort(
      (a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0) || b.id.localeCompare(a.id),
    ),
  )

  async function load() {
    loading.value = true
    try {
      const page = await paged.sweeps({
        limit: limit.value,
        sort: '-created',
        archived: showArchived.value,
      })
      byId.value = new Map(page.items.map((s) => [s.id, s]))
      total.value = page.total
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

  /** Sets notes, tags or the archived flag; the list drops a sweep archived while it hides them. */
  async function edit(id: string, change: SweepEdit) {
    const s = await api.editSweep(id, change)
    const next = new Map(byId.value)
    if (s.archived && !showArchived.value) next.delete(id)
    else next.set(id, s)
    byId.value = next
    return s
  }

  /** Deletes a finished sweep and all its data on the server. */
  async function remove(id: string) {
    const r = await api.deleteSweep(id)
    const next = new Map(byId.value)
    next.delete(id)
    byId.value = next
    return r
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

  return {
    byId,
    list,
    loading,
    error,
    showArchived,
    limit,
    total,
    load,
    loadOne,
    act,
    edit,
    remove,
    create,
    applyStates,
    setCounts,
  }
})
