import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { parseTags, sweepDuration } from '@/lib/sweepList'
import { toSweep } from '@/api/wire'
import { useSweepsStore } from '@/stores/sweeps'
import { stubServer, wireSweep } from './fixtures'

describe('the sweeps list', () => {
  it('times a finished sweep from its creation to its last change, a running one to now', () => {
    const created = Date.UTC(2026, 10, 26, 14, 59, 0)
    const done = toSweep(wireSweep({ state: 'completed' }))
    expect(sweepDuration(done, created + 3_600_000)).toBe(60)
    const running = toSweep(wireSweep({ state: 'running' }))
    expect(sweepDuration(running, created + 90_000)).toBe(90)
    expect(sweepDuration({ ...running, createdAt: null }, created)).toBeNull()
  })

  it('reads tags as typed: comma-separated, trimmed, blanks and repeats dropped', () => {
    expect(parseTags(' aux, v1 ,, aux ,')).toEqual(['aux', 'v1'])
    expect(parseTags('')).toEqual([])
  })

  it('converts the notes, tags and best trial of a sweep', () => {
    const s = toSweep(
      wireSweep({
        notes: 'seed 7',
        tags: ['aux'],
        archived: true,
        best: { metric: 'val_accuracy', mode: 'max', value: 0.5, trial: 's1-t001' },
      }),
    )
    expect(s).toMatchObject({ notes: 'seed 7', tags: ['aux'], archived: true })
    expect(s.best).toEqual({ metric: 'val_accuracy', mode: 'max', value: 0.5, trial: 's1-t001' })
    expect(() => toSweep(wireSweep({ tags: [3] as unknown as string[] }))).toThrow('sweep.tags[0]')
  })
})

describe('the sweeps store', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('loads the newest page of sweeps from the server, archived ones when asked, more on demand', async () => {
    const calls = stubServer({
      '/api/sweeps': {
        items: [wireSweep({ id: 's2' }), wireSweep({ id: 's1' })],
        next: 'x',
        total: 250,
      },
    })
    setActivePinia(createPinia())
    const store = useSweepsStore()
    await store.load()
    expect(store.list.map((s) => s.id)).toEqual(['s2', 's1'])
    expect(store.total).toBe(250)
    expect(calls.at(-1)!.url).toBe('/api/sweeps?limit=100&sort=-created')
    store.showArchived = true
    store.limit = 200
    await store.load()
    expect(calls.at(-1)!.url).toBe('/api/sweeps?limit=200&sort=-created&archived=true')
  })
})
