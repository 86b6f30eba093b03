import { describe, expect, it } from 'vitest'
import { parseTags, sweepDuration } from '@/lib/sweepList'
import { toSweep } from '@/api/wire'
import { wireSweep } from './fixtures'

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
