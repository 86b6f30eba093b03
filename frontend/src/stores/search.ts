import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api } from '@/api/client'
import type { Front, Importance } from '@/api/types'

/** What a sweep's search found: parameter importance and the Pareto front, per sweep. */
export const useSearchStore = defineStore('search', () => {
  const importance = ref(new Map<string, Importance>())
  const front = ref(new Map<string, Front>())
  const error = ref<string | null>(null)

  /** Loads both for a sweep; a failure is kept in `error`, the last answers stay. */
  async function load(sweepId: string) {
    try {
      const [imp, fr] = await Promise.all([api.importance(sweepId), api.front(sweepId)])
      importance.value.set(sweepId, imp)
      front.value.set(sweepId, fr)
      error.value = null
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  return {
    importance,
    front,
    error,
    load,
    importanceCsvUrl: api.importanceCsvUrl,
    frontCsvUrl: api.frontCsvUrl,
  }
})
