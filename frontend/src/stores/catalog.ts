import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { api } from '@/api/client'
import type { Dataset, Metric, Parameter } from '@/api/types'

/**
 * The server's catalogs: every trial parameter (`/api/parameters`), built-in dataset
 * (`/api/datasets`) and metric (`/api/metrics`). They are the dashboard's only source of these
 * facts (form fields, defaults, ranges, dataset shapes, metric labels and units); loaded once per
 * page and cached, a failed load is retried on the next call.
 */
export const useCatalogStore = defineStore('catalog', () => {
  const parameters = shallowRef<Parameter[]>([])
  const datasets = shallowRef<Dataset[]>([])
  const metrics = shallowRef<Metric[]>([])
  const loaded = shallowRef(false)
  const error = shallowRef<string | null>(null)
  let inflight: Promise<void> | null = null

  /** Loads the three catalogs (once; later calls share the first). */
  function load(): Promise<void> {
    if (!inflight) {
      inflight = Promise.all([api.parameters(), api.datasets(), api.metricCatalog()]).then(
        ([p, d, m]) => {
          parameters.value = p
          datasets.value = d
          metrics.value = m
          loaded.value = true
          error.value = null
        },
        (e: Error) => {
          error.value = e.message
          inflight = null
        },
      )
    }
    return inflight
  }

  const parameterByName = computed(() => new Map(parameters.value.map((p) => [p.name, p])))
  const datasetByName = computed(() => new Map(datasets.value.map((d) => [d.name, d])))
  const metricByName = computed(() => new Map(metrics.value.map((m) => [m.name, m])))
  /** The parameters a sweep file may set (the others are the worker's, for its slot). */
  const sweepParameters = computed(() => parameters.value.filter((p) => p.scope === 'sweep'))

  return {
    parameters,
    datasets,
    metrics,
    loaded,
    error,
    load,
    sweepParameters,
    parameter: (name: string) => parameterByName.value.get(name),
    dataset: (name: string) => datasetByName.value.get(name),
    metric: (name: string) => metricByName.value.get(name),
  }
})
