import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { api } from '@/api/client'
import type { ModelCost, ModelQuery, ModelSummary } from '@/api/types'

function key(name: string, q: ModelQuery): string {
  return `${name}?${Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`
}

/** The model zoo and a cache of cost reports (with graphs) per model and configuration. */
export const useModelsStore = defineStore('models', () => {
  const zoo = ref<ModelSummary[]>([])
  const error = ref<string | null>(null)
  const cache = shallowRef(new Map<string, ModelCost>())
  const inflight = new Map<string, Promise<ModelCost>>()

  async function loadZoo() {
    try {
      zoo.value = await api.models()
      error.value = null
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  function cached(name: string, q: ModelQuery = {}): ModelCost | undefined {
    return cache.value.get(key(name, q))
  }

  /** The cost report of a model in a configuration, fetched once and cached. */
  function cost(name: string, q: ModelQuery = {}): Promise<ModelCost> {
    const k = key(name, q)
    const hit = cache.value.get(k)
    if (hit) return Promise.resolve(hit)
    let p = inflight.get(k)
    if (!p) {
      p = api.model(name, q).then((m) => {
        const next = new Map(cache.value)
        next.set(k, m)
        cache.value = next
        return m
      })
      p.finally(() => inflight.delete(k)).catch(() => undefined)
      inflight.set(k, p)
    }
    return p
  }

  return { zoo, error, loadZoo, cached, cost }
})
