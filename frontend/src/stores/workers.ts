import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api } from '@/api/client'
import type { WorkerInfo } from '@/api/types'

/** The workers the coordinator knows, with their devices and current trials. */
export const useWorkersStore = defineStore('workers', () => {
  const list = ref<WorkerInfo[]>([])
  const error = ref<string | null>(null)
  const loadedAt = ref<number | null>(null)

  async function load() {
    try {
      list.value = await api.workers()
      error.value = null
      loadedAt.value = Date.now()
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  return { list, error, loadedAt, load }
})
